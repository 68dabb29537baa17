import * as z from 'zod';
import { lateEntryReasonSchema } from './late-entry-reasons.ts';
import { fact } from './personal/marks.ts';

/** The hash every stream's first event names as its predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

const isoTime = z.iso.datetime({ offset: true });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');

export const actorSchema = z.strictObject({
  id: z.string().min(1).max(200),
  role: z.string().min(1).max(50),
  organisation: z.string().min(1).max(200),
});
export type Actor = z.infer<typeof actorSchema>;

/**
 * A record entered later than it happened (domain/time/business-time.ts): why (a code of
 * events/late-entry-reasons.ts, never free text: it lies outside the sealed data), how late, under
 * which policy. Supervisors see it (the quality read model).
 */
export const lateEntrySchema = z.strictObject({
  reason: lateEntryReasonSchema,
  lateByDays: z.int().min(0),
  policyId: z.string().min(1).max(100),
});

/**
 * Where an imported event came from (docs/import.md): the old system, the batch, the line of the
 * import file, and the administrator who ran the import. Outside the sealed data (it travels on the
 * bus and in every export), so it holds codes and ids, never a person's data.
 */
export const provenanceSchema = z.strictObject({
  system: fact(z.string().regex(/^[A-Za-z0-9._-]{1,60}$/), 'the code of the old system the record was imported from'),
  batch: fact(z.string().regex(/^[A-Za-z0-9._:-]{1,120}$/), 'the code of the import batch'),
  line: z.int().min(1),
  importedBy: fact(z.string().min(1).max(200), "the importing administrator's user id, as the envelope's actor id"),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/**
 * What is stored for every event. `prevHash` links it to its predecessor in the stream and `hash`
 * covers every other field, so an auditor can recompute the whole chain (events/hash-chain.ts).
 */
export const envelopeSchema = z.strictObject({
  eventId: z.uuid(),
  type: z.string().min(1).max(100),
  schemaVersion: z.int().min(1),
  stream: z.string().min(1).max(200),
  version: z.int().min(1),
  occurredAt: isoTime,
  recordedAt: isoTime,
  /** Present only on a late entry; older events and timely ones have none, so their hashes stand. */
  lateEntry: lateEntrySchema.optional(),
  /** Present only on an imported event; older and live events have none, so their hashes stand. */
  provenance: provenanceSchema.optional(),
  actor: actorSchema,
  workstation: z.string().min(1).max(200).nullable(),
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200).nullable(),
  idempotencyKey: z.string().min(1).max(300).nullable(),
  requestHash: sha256Hex.nullable(),
  prevHash: sha256Hex,
  hash: sha256Hex,
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof envelopeSchema>;

/** An envelope whose `data` has been parsed (and upcast) to the current shape of its type. */
export type TypedEnvelope<T extends { type: string; data: unknown }> = Omit<EventEnvelope, 'type' | 'data'> & T;
