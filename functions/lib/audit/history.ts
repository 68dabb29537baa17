import type { EventEnvelope } from '../../../events/envelope.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/opaque-cursor.ts';

// What an auditor sees of each event: who, from where, when, why, what, and the links of the chain.
// Event data holds personal data (identity numbers, phones, addresses): shown to those who may
// read the case, never logged.

/** Top-level data members that say why: the legal basis, reasons, the rule applied, grounds. */
const WHY = /basis|reason|rule|ground|justification|exemption/i;

export const whyOf = (data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([k]) => WHY.test(k)));

export type HistoryEntry = ReturnType<typeof historyEntryOf>;

export const historyEntryOf = (e: EventEnvelope) => ({
  version: e.version,
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  who: { id: e.actor.id, role: e.actor.role, organisation: e.actor.organisation },
  workstation: e.workstation,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  /** A late entry's flag: why it was entered after it happened, and how late (null for a timely one). */
  lateEntry: e.lateEntry ?? null,
  /** Where an imported event came from: system, batch, line and who imported it (null for one entered here). */
  provenance: e.provenance ?? null,
  why: whyOf(e.data),
  data: e.data,
  correlationId: e.correlationId,
  causationId: e.causationId,
  idempotencyKey: e.idempotencyKey,
  requestHash: e.requestHash,
  prevHash: e.prevHash,
  hash: e.hash,
});

/** The envelope an entry came from: the history carries every hashed field, so it can be re-verified. */
export const envelopeOfEntry = (h: HistoryEntry, stream: string): EventEnvelope => ({
  eventId: h.eventId,
  type: h.type,
  schemaVersion: h.schemaVersion,
  stream,
  version: h.version,
  occurredAt: h.occurredAt,
  recordedAt: h.recordedAt,
  ...(h.lateEntry ? { lateEntry: h.lateEntry } : {}),
  ...(h.provenance ? { provenance: h.provenance } : {}),
  actor: { id: h.who.id, role: h.who.role, organisation: h.who.organisation },
  workstation: h.workstation,
  correlationId: h.correlationId,
  causationId: h.causationId,
  idempotencyKey: h.idempotencyKey,
  requestHash: h.requestHash,
  prevHash: h.prevHash,
  hash: h.hash,
  data: h.data,
});

// A history cursor names the stream it belongs to and the next version.
export const encodeHistoryCursor = (stream: string, from: number): string => encodeCursor({ s: stream, f: from });

export const decodeHistoryCursor = (cursor: string, stream: string): number => {
  const list = "this case's history";
  const { s, f } = decodeCursor(cursor, list);
  if (s !== stream || typeof f !== 'number' || !Number.isSafeInteger(f) || f < 1) throw invalidCursor(list);
  return f;
};
