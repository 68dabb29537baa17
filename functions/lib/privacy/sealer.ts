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

export type PersonalSealer = { seal: <E extends Unsealed>(stream: string, events: readonly E[]) => Promise<E[]> };

/**
 * Seals the personal fields of a command's events before the store hashes them: each plain value is
 * encrypted under its record's data key (made on first use). A value already sealed for this record
 * stays as it is; one sealed for another record (data copied from a referral into the case it
 * opens) is opened with that record's key and sealed again with this one, so each record's data
 * answers to its own key alone. A record whose key was destroyed takes no new personal data.
 */
export const createPersonalSealer = ({
  keys,
  catalogue,
}: {
  keys: KeyStore;
  catalogue: ReadonlyMap<string, EventDefinition>;
}): PersonalSealer => ({
  seal: async <E extends Unsealed>(stream: string, events: readonly E[]): Promise<E[]> => {
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
    const own = needsOwnKey ? await keys.dataKey(keyId, { create: true }) : null;
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
