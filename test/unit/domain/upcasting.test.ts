import { describe, expect, it } from 'vitest';
import { ApplicationReceived } from '../../../events/catalogue/applying-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData, UnreadableEventError } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { applicationData } from './fixtures.ts';

const { consultationId: _, ...v1Data } = applicationData();

const envelope = (schemaVersion: number, data: Record<string, unknown>): EventEnvelope => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  type: 'ApplicationReceived',
  schemaVersion,
  stream: 'case#case-1',
  version: 1,
  occurredAt: '2026-03-02T09:00:00+08:00',
  recordedAt: '2026-03-02T09:00:00+08:00',
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:bj-dongcheng' },
  workstation: null,
  correlationId: 'c-1',
  causationId: null,
  idempotencyKey: null,
  requestHash: null,
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
  data,
});

describe('ApplicationReceived v1 → v2', () => {
  it('is at version 2 in the catalogue', () => {
    expect(catalogue.get('ApplicationReceived')?.version).toBe(2);
  });

  it('reads a stored v1 application as v2, with no consultation link', () => {
    expect(readEventData(catalogue, envelope(1, v1Data))).toEqual({
      type: 'ApplicationReceived',
      data: { ...v1Data, consultationId: null },
    });
  });

  it('keeps a v2 link as stored', () => {
    expect(readEventData(catalogue, envelope(2, { ...v1Data, consultationId: 'consult-9' })).data).toMatchObject({
      consultationId: 'consult-9',
    });
  });

  it('upcasts only through the registered step: without it a v1 event is unreadable', () => {
    const withoutUpcaster = new Map(catalogue).set('ApplicationReceived', { ...ApplicationReceived, upcasters: {} });
    expect(() => readEventData(withoutUpcaster, envelope(1, v1Data))).toThrow(UnreadableEventError);
  });

  it('rejects a v1 shape that is not a v1 application', () => {
    expect(() => readEventData(catalogue, envelope(1, { ...v1Data, matter: '' }))).toThrow(/matter/);
  });
});

describe('ObjectionLodged v1 → v2', () => {
  const v1Objection = {
    objectionId: 'obj-1',
    against: 'refusal',
    grounds: '符合援助条件',
    justiceBureauId: 'justice-bureau:hz-xihu',
    lodgedAt: '2026-04-02T09:00:00+08:00',
  };
  const objectionEnvelope = (schemaVersion: number, data: Record<string, unknown>): EventEnvelope => ({
    ...envelope(schemaVersion, data),
    type: 'ObjectionLodged',
    version: 3,
  });

  it('is at version 2 in the catalogue', () => {
    expect(catalogue.get('ObjectionLodged')?.version).toBe(2);
  });

  it('reads a stored v1 objection as lodged with the bureau at its lodgedAt', () => {
    expect(readEventData(catalogue, objectionEnvelope(1, v1Objection))).toEqual({
      type: 'ObjectionLodged',
      data: { ...v1Objection, transmittedBy: null },
    });
  });

  it('keeps a v2 transmission as stored', () => {
    const transmittedBy = { agencyId: 'agency:hz-xihu', receivedAt: '2026-04-01T15:00:00+08:00' };
    expect(readEventData(catalogue, objectionEnvelope(2, { ...v1Objection, transmittedBy })).data).toMatchObject({ transmittedBy });
  });
});

describe('AidWorkerRegistered and AidWorkerDetailsUpdated v1 → v2', () => {
  const v1Worker = {
    workerId: 'lawyer-wang',
    agencyId: 'agency:hz-xihu',
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '11101201510123456',
    relevantPracticeSince: '2015-07-01',
    registeredAt: '2026-01-05T09:00:00+08:00',
  };
  const workerEnvelope = (type: string, schemaVersion: number, data: Record<string, unknown>): EventEnvelope => ({
    ...envelope(schemaVersion, data),
    type,
    stream: 'worker#lawyer-wang',
  });

  it('are at version 2 in the catalogue', () => {
    expect(catalogue.get('AidWorkerRegistered')?.version).toBe(2);
    expect(catalogue.get('AidWorkerDetailsUpdated')?.version).toBe(2);
  });

  it('reads a stored v1 registration as the agency’s own worker, with no firm', () => {
    expect(readEventData(catalogue, workerEnvelope('AidWorkerRegistered', 1, v1Worker))).toEqual({
      type: 'AidWorkerRegistered',
      data: { ...v1Worker, firmId: null },
    });
  });

  it('reads a stored v1 update as it was, and a v2 update may name a firm', () => {
    const update = { name: '王律师', updatedAt: '2026-02-01T09:00:00+08:00' };
    expect(readEventData(catalogue, workerEnvelope('AidWorkerDetailsUpdated', 1, update)).data).toEqual(update);
    expect(
      readEventData(catalogue, workerEnvelope('AidWorkerDetailsUpdated', 2, { ...update, firmId: 'law-firm:hz-xihu-mingli' })).data,
    ).toMatchObject({ firmId: 'law-firm:hz-xihu-mingli' });
  });
});
