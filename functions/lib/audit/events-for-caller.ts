import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { authoredBy, personalDataFor, seesPersonalData } from '../auth/mask.ts';
import type { KeyStore } from '../privacy/key-store.ts';
import { openPersonal } from '../privacy/open-personal.ts';
import { digestSafety, maskPlainByMark, withholdDigests } from '../privacy/digests.ts';

type Caller = { role: string; organisation: string };

/**
 * Stored events as a caller may see them before any is opened: unchanged for a role that sees
 * personal data in full; for one that does not, a plain personal value (an event from before sealing)
 * is masked by its mark and the digests that cover plain personal data are withheld (digests.ts).
 * Sealed values stay sealed here: the presenter or `openedData` opens them for the caller.
 */
export const storedEventsFor = (
  catalogue: ReadonlyMap<string, EventDefinition>,
  caller: Caller,
  events: readonly EventEnvelope[],
  cleanBefore = true,
): EventEnvelope[] => {
  if (seesPersonalData(caller)) return [...events];
  const safety = digestSafety(catalogue, events, cleanBefore);
  return events.map((e, i) => {
    const data = authoredBy(e as unknown as Record<string, unknown>, caller) ? e.data : maskPlainByMark(catalogue, e);
    return withholdDigests({ ...e, data }, safety[i]!);
  });
};

/**
 * Each event's data opened and masked for the caller (for an answer the presenter leaves alone: an
 * export whose stored envelopes must stay sealed), with the records whose personal data it showed.
 */
export const openedData = async (
  keys: KeyStore | undefined,
  caller: Caller,
  events: readonly EventEnvelope[],
): Promise<{ data: Record<string, unknown>[]; subjects: string[] }> => {
  // The actor goes along so that what the caller's own organisation recorded is shown as recorded.
  const shaped = events.map((e) => ({ actor: e.actor, data: e.data }));
  if (!keys) return { data: personalDataFor(caller, shaped).map((e) => e.data), subjects: [] };
  const opened = await openPersonal(keys, caller, shaped);
  return { data: opened.value.map((e) => e.data), subjects: opened.subjects };
};
