import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { personalLeavesOf, SEALED_PREFIX } from '../../../events/personal/marks.ts';
import { analyticsColumns, analyticsRecordOf } from '../../../functions/lib/analytics/analytics-record.ts';
import { applicationBody } from '../../support/fixtures.ts';

// The analytics row of an event leaves out every field the catalogue marks personal: the fields are
// found here from the marks (personalLeavesOf), as the row builder finds them, never from a list.

const envelope = (type: string, data: Record<string, unknown>, over: Partial<EventEnvelope> = {}): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: catalogue.get(type)!.version,
  stream: `case#${randomUUID()}`,
  version: 1,
  occurredAt: '2025-12-31T17:30:00Z',
  recordedAt: '2026-01-02T09:00:00Z',
  actor: { id: 'reviewer-wang', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: 'c',
  causationId: null,
  idempotencyKey: null,
  requestHash: null,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
  data,
  ...over,
});

const received = (over: Record<string, unknown> = {}) =>
  envelope('ApplicationReceived', {
    ...applicationBody(),
    caseId: randomUUID(),
    receivedAt: '2025-12-31T17:30:00Z',
    consultationId: null,
    ...over,
  });
const consultation = envelope('ConsultationRecorded', {
  consultationId: randomUUID(),
  agencyId: 'agency:hz-xihu',
  channel: 'hotline-12348',
  workstationId: null,
  topic: '邻居噪音纠纷怎么办',
  category: null,
  personName: '李四',
  toldOfRightToApply: true,
  notToldReason: null,
  answer: '可以申请法律援助',
  consultedAt: '2025-12-31T17:30:00Z',
});
const place = { agencyId: 'agency:hz-xihu', province: '33' };

describe('analytics rows', () => {
  it.each([
    ['an application with plain personal values', received()],
    [
      'an application as stored (sealed values)',
      received({ matter: `${SEALED_PREFIX}AAAA`, applicant: { ...applicationBody().applicant, name: `${SEALED_PREFIX}BBBB` } }),
    ],
    ['a consultation', consultation],
  ])('%s: no personal value and no personal key is in the row', (_label, event) => {
    const definition = catalogue.get(event.type)!;
    const leaves = personalLeavesOf(definition.schema, definition.schema.parse(event.data));
    expect(leaves.length).toBeGreaterThan(1);
    const { row } = analyticsRecordOf(event, place);
    const text = JSON.stringify(row);
    for (const leaf of leaves) expect(text, leaf.path.join('.')).not.toContain(leaf.value);
    const data = JSON.parse(row.data) as Record<string, unknown>;
    for (const leaf of leaves) {
      const holder = leaf.path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], data);
      expect(holder === undefined || !Object.hasOwn(holder as object, leaf.path.at(-1)!), leaf.path.join('.')).toBe(true);
    }
  });

  it('keeps the facts the figures count, and the actor without its id', () => {
    const { row } = analyticsRecordOf(received(), place);
    expect(JSON.parse(row.data)).toMatchObject({
      agencyId: 'agency:hz-xihu',
      category: 'labour',
      applicant: { priorityGroups: ['migrant-worker'] },
    });
    expect(row).toMatchObject({ actor_role: 'agency-reviewer', agency_id: 'agency:hz-xihu' });
    expect(JSON.stringify(row)).not.toContain('reviewer-wang');
    expect(Object.keys(row).sort()).toEqual(analyticsColumns.map((c) => c.name).sort());
  });

  it('partitions by the China business date of occurredAt (17:30 UTC on 31 December is 1 January in China) and the province', () => {
    expect(analyticsRecordOf(received(), place).partition).toEqual({ year: '2026', month: '01', day: '01', province: '33' });
  });

  it('leaves out the whole data of an event whose shape the marks do not describe (an older schema version)', () => {
    const old = received();
    const { row } = analyticsRecordOf({ ...old, schemaVersion: 1 }, place);
    expect(row.data).toBe('{}');
  });
});
