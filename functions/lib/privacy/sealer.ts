import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import { ERASED, mapPersonal, personalLeavesOf, WITHHELD, type PersonalLeaf } from '../../../events/personal/marks.ts';
import { HttpError } from '../http/http-error.ts';
import type { KeyStore } from './key-store.ts';
import { openValue, parseSealed, sealValue } from './sealed-value.ts';

/** Whose key seals a stream's personal data: the record itself (a case file, a consultation, a duty record). */
export const subjectKeyOf = (stream: string): string => stream;

/** A minor's value: the person it belongs to lists the priority group, or the notification's ground is minority. */
const isMinor = (where: PersonalLeaf, data: Record<string, unknown>): boolean => {
  const groups = where.holder.priorityGroups;
  return (Array.isArray(groups) && groups.includes('minor')) || data.ground === 'minor';
};

/** An event about to be stored (the store's NewEvent; written here by shape, as the store imports this module). */
type Unsealed = { type: string; data: Record<string, unknown> };

/** `opening`: the append expects the stream empty (version 0), so the record has no key yet as a rule. */
export type SealOptions = { opening?: boolean };

export type PersonalSealer = { seal: <E extends Unsealed>(stream: string, events: readonly E[], options?: SealOptions) => Promise<E[]> };

/**
 * Seals the personal fields of a command's events before the store hashes them: each plain value is
 * encrypted under its record's data key (made on first use). A value already sealed for this record
 * stays as it is; one sealed for another record (data copied from a referral into the case it
 * opens) is opened with that record's key and sealed again with this one, so each record's data
 * answers to its own key alone. A record whose key was destroyed takes no new personal data.
 *
 * The record's own key comes from the container's cache once it has sealed for the record
 * (key-store.ts `sealingKey`), without reading the keys table again, although another container may
 * have destroyed it since. It is never used to store data after an erasure, because:
 * - a stream's data is sealed under that stream's key alone (`subjectKeyOf`), and the store appends
 *   it at the version after the head the command read, conditionally on that version being free;
 * - a key is destroyed only by the erasure (functions/api/commands/erasure.ts), and only after its
 *   PersonalDataErased event is stored on that same stream;
 * - so when the key is gone the erasure holds a version of the stream. A command that read the stream
 *   before the erasure appends at a version the erasure took (or a smaller one): the put fails, the
 *   runner reads again and now sees the erasure. One that read it after refuses: every command on an
 *   erased record is 409 RECORD_ERASED (command-runner.ts, its own stream and any other it reads,
 *   caught up after a clash too: stream-reads.ts), and the erasure's own event holds no personal field.
 * - If the command's append lands first, the erasure's append clashes, reads that event and follows
 *   it: the data was sealed before the key went, and is erased with the rest.
 * What the cache could still do: a key destroyed some other way, with no erasure event (by hand in
 * the table), is used by a container that cached it until it leaves the cache; what it seals then opens as
 * erased everywhere and the hash chain holds (test/integration/sealing-key-cache.test.ts). The store's
 * only other writers (the registry seed; imports, which run commands) append to no erased stream.
 */
export const createPersonalSealer = ({
  keys,
  catalogue,
}: {
  keys: KeyStore;
  catalogue: ReadonlyMap<string, EventDefinition>;
}): PersonalSealer => ({
  seal: async <E extends Unsealed>(stream: string, events: readonly E[], { opening = false }: SealOptions = {}): Promise<E[]> => {
    const keyId = subjectKeyOf(stream);
    const plans = events.map((event) => {
      const definition = catalogue.get(event.type);
      return { event, definition, leaves: definition ? personalLeavesOf(definition.schema, event.data) : [] };
    });
    const leaves = plans.flatMap((p) => p.leaves);
    if (leaves.length === 0) return [...events];
    if (leaves.some((l) => l.value === WITHHELD)) throw new Error(`refusing to store a withheld value on ${stream}`);
    const foreign = new Set<string>();
    for (const leaf of leaves) {
      const token = parseSealed(leaf.value);
      if (token && token.keyId !== keyId) foreign.add(token.keyId);
    }
    const needsOwnKey = leaves.some((l) => l.value !== ERASED && parseSealed(l.value)?.keyId !== keyId);
    const own = needsOwnKey ? await keys.sealingKey(keyId, { opening }) : null;
    if (own === 'destroyed')
      throw new HttpError(409, 'PERSONAL_DATA_ERASED', `the personal data of ${stream} was erased; it takes no new personal data`);
    const others = foreign.size > 0 ? await keys.dataKeys([...foreign]) : new Map();
    return plans.map(({ event, definition }) => {
      if (!definition) return event;
      const data = mapPersonal(definition.schema, event.data, (value, where) => {
        if (value === ERASED) return value;
        const token = parseSealed(value);
        if (token?.keyId === keyId) return value;
        let plain = value;
        if (token) {
          const key = others.get(token.keyId);
          const opened = Buffer.isBuffer(key) ? openValue(key, token) : null;
          if (opened === null) return ERASED;
          plain = opened;
        }
        return sealValue(own as Buffer, { kind: where.kind, minor: isMinor(where, event.data), keyId }, plain);
      }) as Record<string, unknown>;
      return { ...event, data };
    });
  },
});
