import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { isProtectedForm, mapPersonal, WITHHELD } from '../../../events/personal/marks.ts';
import { maskByKind } from '../auth/mask.ts';

// A digest over personal data is a way around the mask: whoever knows every other part of what was
// hashed can hash each candidate value (a birth date, the hidden digits of a phone) until one matches.
// Events sealed on append hash ciphertext under a key the reader never has, so their digests are
// safe to show. Events stored before sealing existed (imported history) hash plaintext, and so does
// everything chained after them: event k's hash covers its prevHash, which is event k-1's hash. So a
// stream's digests are safe only up to its first event with a plain personal value; from there on a
// caller who sees a masked form gets them withheld (offline verification stays with the roles that
// see in full and with auditors, and `GET /cases/{id}/verify` tells anyone whether the chain holds).

/** Which of an event's digests may be shown to a caller who sees its personal data masked. */
export type DigestSafety = { hash: boolean; prevHash: boolean; requestHash: boolean };

/**
 * Whether an event holds a personal value in plain (not sealed, erased or withheld). An event of a
 * type this code does not know is assumed to: nothing says which of its strings are personal.
 */
export const holdsPlainPersonal = (catalogue: ReadonlyMap<string, EventDefinition>, envelope: EventEnvelope): boolean => {
  const definition = catalogue.get(envelope.type);
  if (!definition) return true;
  let plain = false;
  mapPersonal(definition.schema, envelope.data, (leaf) => {
    if (!isProtectedForm(leaf)) plain = true;
    return leaf;
  });
  return plain;
};

/**
 * Per event of one stream, in version order, which digests are safe. `cleanBefore` says whether
 * every event before the first one given held no plain personal value (true when the first given is
 * version 1). The request hash of an event is the keyed hash of its request (command-runner.ts)
 * unless the event predates sealing, so it is safe exactly when the event itself holds nothing plain.
 */
export const digestSafety = (
  catalogue: ReadonlyMap<string, EventDefinition>,
  events: readonly EventEnvelope[],
  cleanBefore = true,
): DigestSafety[] => {
  let clean = cleanBefore;
  return events.map((e) => {
    const prevHash = clean;
    const own = !holdsPlainPersonal(catalogue, e);
    clean = clean && own;
    return { hash: clean, prevHash, requestHash: own };
  });
};

/** Whether a stream's events up to (and including) these held no plain personal value. */
export const allClean = (catalogue: ReadonlyMap<string, EventDefinition>, events: readonly EventEnvelope[]): boolean =>
  events.every((e) => !holdsPlainPersonal(catalogue, e));

/** The digests of an entry (an envelope or a history entry) as a caller without a need may see them. */
export const withholdDigests = <T extends { hash: string; prevHash: string; requestHash: string | null }>(
  entry: T,
  safety: DigestSafety,
): T => ({
  ...entry,
  hash: safety.hash ? entry.hash : WITHHELD,
  prevHash: safety.prevHash ? entry.prevHash : WITHHELD,
  requestHash: safety.requestHash || entry.requestHash === null ? entry.requestHash : WITHHELD,
});

/**
 * An event's data with every plain personal value masked by its kind, as the catalogue marks it
 * (sealed values are left for openPersonal, which masks them by the kind their token names).
 */
export const maskPlainByMark = (catalogue: ReadonlyMap<string, EventDefinition>, envelope: EventEnvelope): Record<string, unknown> => {
  const definition = catalogue.get(envelope.type);
  // A type this code does not know: nothing says which strings are safe, so nothing is shown.
  if (!definition) return {};
  return mapPersonal(definition.schema, envelope.data, (leaf, { kind }) =>
    isProtectedForm(leaf) ? leaf : maskByKind[kind](leaf),
  ) as Record<string, unknown>;
};
