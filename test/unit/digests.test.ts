import { describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { WITHHELD } from '../../events/personal/marks.ts';
import { digestSafety, holdsPlainPersonal, maskPlainByMark, withholdDigests } from '../../functions/lib/privacy/digests.ts';

// Which digests a caller without a need may see: only those that cover no plain personal value,
// directly or through the chain (event k's hash covers event k-1's through its prevHash).

const h = (c: string) => c.repeat(64);
const envelope = (version: number, type: string, data: Record<string, unknown>): EventEnvelope => ({
  eventId: '00000000-0000-4000-8000-00000000000' + version,
  type,
  schemaVersion: 1,
  stream: 'case#c',
  version,
  occurredAt: '2026-01-01T00:00:00Z',
  recordedAt: '2026-01-01T00:00:00Z',
  actor: { id: 'r', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: 'c',
  causationId: null,
  idempotencyKey: null,
  requestHash: h('e'),
  prevHash: version === 1 ? h('0') : h(String(version - 1)),
  hash: h(String(version)),
  data,
});
const meeting = (version: number, summary: string) =>
  envelope(version, 'ClientMeetingHeld', { workerId: 'w', at: '2026-01-01T00:00:00Z', summary, place: 'pii1.address.-.x.y.z' });
const materials = (version: number) =>
  envelope(version, 'MaterialsRequested', { items: ['收入证明'], requestedAt: '2026-01-01T00:00:00Z' });

describe('digest safety', () => {
  it('tells a plain personal value from a sealed, erased or withheld one, and distrusts an unknown type', () => {
    expect(holdsPlainPersonal(catalogue, meeting(1, '首次会见'))).toBe(true);
    expect(holdsPlainPersonal(catalogue, meeting(1, 'pii1.free-text.-.a.b.c'))).toBe(false);
    expect(holdsPlainPersonal(catalogue, meeting(1, '[erased]'))).toBe(false);
    expect(holdsPlainPersonal(catalogue, materials(1))).toBe(false);
    expect(holdsPlainPersonal(catalogue, envelope(1, 'NoSuchEvent', {}))).toBe(true);
  });

  it('shows every digest of a sealed stream', () => {
    const safety = digestSafety(catalogue, [materials(1), meeting(2, 'pii1.free-text.-.a.b.c'), materials(3)]);
    expect(safety.every((s) => s.hash && s.prevHash && s.requestHash)).toBe(true);
  });

  it('withholds, from the first plain event on, every hash and the next prevHash; its own request hash only', () => {
    const safety = digestSafety(catalogue, [materials(1), meeting(2, '首次会见'), materials(3)]);
    expect(safety).toEqual([
      { hash: true, prevHash: true, requestHash: true },
      { hash: false, prevHash: true, requestHash: false },
      { hash: false, prevHash: false, requestHash: true },
    ]);
  });

  it('carries what came before a page: a page after a plain event shows no hash', () => {
    expect(digestSafety(catalogue, [materials(3)], false)).toEqual([{ hash: false, prevHash: false, requestHash: true }]);
  });

  it('withholds by replacing, and masks plain values by their mark', () => {
    const e = meeting(2, '首次会见');
    expect(withholdDigests(e, { hash: false, prevHash: true, requestHash: false })).toMatchObject({
      hash: WITHHELD,
      prevHash: e.prevHash,
      requestHash: WITHHELD,
    });
    expect(maskPlainByMark(catalogue, e)).toMatchObject({ summary: '[masked]', place: 'pii1.address.-.x.y.z', workerId: 'w' });
  });
});
