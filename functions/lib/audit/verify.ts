import { unmarshall } from '@aws-sdk/util-dynamodb';
import { envelopeSchema, type EventEnvelope } from '../../../events/envelope.ts';
import { hashEvent, verifyChain, type ChainBreak } from '../../../events/hash-chain.ts';
import { keyOf, type RawItem } from './raw-events.ts';

/**
 * Why a stream fails verification. Besides the chain's own reasons (events/hash-chain.ts):
 * INVALID_ENVELOPE — a stored item is not a readable envelope (changed outside the store);
 * TRUNCATED — the chain is intact but ends before the version a read model already applied
 * (the last events were removed).
 */
export type AuditBreakReason = ChainBreak['reason'] | 'INVALID_ENVELOPE' | 'TRUNCATED';
export type AuditBreak = { version: number; eventId: string | null; reason: AuditBreakReason; detail: string };

export type VerifyReport = {
  stream: string;
  /** Stored items read (readable or not). */
  events: number;
  verified: boolean;
  firstBreak: AuditBreak | null;
  /** The stored hash of the stream's last item: the value to anchor or compare with later. */
  headHash: string | null;
  /** The last stored version, 0 for an empty stream. */
  lastVersion: number;
  /** The version the case-status read model has applied, when known (the TRUNCATED check). */
  readModelVersion: number | null;
};

/** One stored item, decoded or not: a failure names the version and the field, never a value. */
export type Decoded = { ok: true; envelope: EventEnvelope } | { ok: false; version: number; eventId: string | null; detail: string };

export const decodeEnvelope = (value: unknown, fallbackVersion: number): Decoded => {
  const parsed = envelopeSchema.safeParse(value);
  const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const failed = (detail: string): Decoded => ({
    ok: false,
    version: typeof raw.version === 'number' ? raw.version : fallbackVersion,
    eventId: typeof raw.eventId === 'string' && raw.eventId.length <= 100 ? raw.eventId : null,
    detail,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // zod's messages name the field and the expectation, not the value: safe to log and print.
    return failed(`not a valid envelope: ${issue?.path.join('.') || 'envelope'}: ${issue?.message ?? 'invalid'}`);
  }
  try {
    hashEvent(parsed.data);
  } catch {
    // e.g. a number DynamoDB holds beyond 2^53 (read as a BigInt): no JSON, so no hash, can cover it.
    return failed('not a valid envelope: its data holds a value that has no JSON form (such as a number beyond 2^53)');
  }
  return { ok: true, envelope: parsed.data };
};

export const decodeRawItem = (item: RawItem): Decoded => {
  const { version } = keyOf(item);
  let value: unknown;
  try {
    value = unmarshall(item);
  } catch {
    // The unmarshaller's message may quote the offending value (personal data): not passed on.
    return {
      ok: false,
      version,
      eventId: item.eventId?.S ?? null,
      detail: 'not a valid envelope: the item holds a value that cannot be read (e.g. a number beyond 2^53)',
    };
  }
  return decodeEnvelope(value, version);
};

/**
 * Verifies a stream from its decoded items in version order: the chain up to the first unreadable
 * item (which is itself the break, unless a version is missing before it), then — if the chain
 * holds — whether it ends before the version a read model has already applied.
 */
export type VerifyOptions = {
  /** The version the case-status read model has applied (the TRUNCATED check); null: not known. */
  readModelVersion?: number | null;
  /** Who says the stream reaches that version, for the finding's detail. */
  expectedBy?: string;
};

export const verifyDecoded = (
  stream: string,
  decoded: readonly Decoded[],
  { readModelVersion = null, expectedBy = 'the case-status read model has applied' }: VerifyOptions = {},
): VerifyReport => {
  const envelopes: EventEnvelope[] = [];
  let unreadable: Extract<Decoded, { ok: false }> | null = null;
  for (const d of decoded) {
    if (!d.ok) {
      unreadable = d;
      break;
    }
    envelopes.push(d.envelope);
  }
  let firstBreak: AuditBreak | null = verifyChain(envelopes);
  if (!firstBreak && unreadable) {
    const expected = envelopes.length + 1;
    firstBreak =
      unreadable.version !== expected
        ? {
            version: expected,
            eventId: null,
            reason: 'VERSION_GAP',
            detail: `version ${expected} is missing; found ${unreadable.version} next`,
          }
        : { version: unreadable.version, eventId: unreadable.eventId, reason: 'INVALID_ENVELOPE', detail: unreadable.detail };
  }
  const last = decoded.at(-1);
  const lastVersion = last ? (last.ok ? last.envelope.version : last.version) : 0;
  if (!firstBreak && readModelVersion !== null && readModelVersion > lastVersion) {
    firstBreak = {
      version: lastVersion + 1,
      eventId: null,
      reason: 'TRUNCATED',
      detail: `${expectedBy} version ${readModelVersion}, but the stream ends at version ${lastVersion}: the last ${readModelVersion - lastVersion} event(s) were removed`,
    };
  }
  return {
    stream,
    events: decoded.length,
    verified: firstBreak === null,
    firstBreak,
    headHash: last ? (last.ok ? last.envelope.hash : null) : null,
    lastVersion,
    readModelVersion,
  };
};

/** Verifies a stream from the items as DynamoDB holds them (readRawStream / scanRawStreams). */
export const verifyRawItems = (stream: string, items: readonly RawItem[], options: VerifyOptions = {}): VerifyReport => {
  const report = verifyDecoded(stream, items.map(decodeRawItem), options);
  const last = items.at(-1);
  return last && report.headHash === null ? { ...report, headHash: last.hash?.S ?? null } : report;
};
