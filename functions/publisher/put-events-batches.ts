import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

// EventBridge's limits for one PutEvents call.
export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_BYTES_PER_CALL = 256 * 1024;

/** The size EventBridge counts for an entry (its documented formula). */
export const entrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time ? 14 : 0) +
  Buffer.byteLength(entry.Source ?? '') +
  Buffer.byteLength(entry.DetailType ?? '') +
  Buffer.byteLength(entry.Detail ?? '') +
  (entry.Resources ?? []).reduce((n, r) => n + Buffer.byteLength(r), 0);

/** Splits entries into calls of at most 10 entries and 256 KB, keeping their order. */
export const intoCalls = <T extends { entry: PutEventsRequestEntry }>(items: readonly T[]): T[][] => {
  const calls: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = entrySize(item.entry);
    if (current.length > 0 && (current.length === MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
};
