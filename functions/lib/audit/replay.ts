import type { EventEnvelope } from '../../../events/envelope.ts';
import { busEntryOf } from '../bus-entry.ts';
import { scanRawStreams, type EventsTableRef } from './raw-events.ts';
import { decodeRawItem } from './verify.ts';

// Replays the event store through the projections: every stream, in version order, put on the bus
// as the stream publisher puts it, but marked with a replay name (EventBridge's `replay-name`),
// so projections can tell a replay from news. Projections skip what they already applied, so a
// replay into up-to-date read models changes nothing and one into empty read models rebuilds them.

/** An entry as the stream publisher puts it on the bus (functions/publisher/publisher.ts). */
export type ReplayEntry = { EventBusName: string; Source: string; DetailType: string; Detail: string; Time: Date };
export type ReplayEntryResult = { EventId?: string; ErrorCode?: string; ErrorMessage?: string };

/** The part of a bus a replay needs: the local bus (infra/local/local-bus.ts) has it. */
export type ReplayBus = {
  busName: string;
  putEvents(entries: readonly ReplayEntry[], options: { replayName?: string }): ReplayEntryResult[] | Promise<ReplayEntryResult[]>;
};

export type ReplayReport = {
  replayName: string;
  streams: number;
  events: number;
  /** Stored items that are not valid envelopes (tampered): not replayed; verify these streams. */
  unreadable: { stream: string; version: number }[];
  /** Entries the bus refused. */
  failed: { stream: string; version: number; error: string }[];
};

const ENTRIES_PER_CALL = 10;

/** An entry as the stream publisher puts it on the bus: thin, personal fields withheld (functions/lib/bus-entry.ts). */
export const entryOf = (envelope: EventEnvelope, busName: string): ReplayEntry => busEntryOf(envelope, busName);

export const replayEventsTable = async ({
  events,
  bus,
  replayName,
  segments = 4,
  streamPrefix = 'case#',
}: {
  events: EventsTableRef;
  bus: ReplayBus;
  replayName: string;
  segments?: number;
  streamPrefix?: string;
}): Promise<ReplayReport> => {
  const streams = await scanRawStreams(events, { segments, streamPrefix });
  const report: ReplayReport = { replayName, streams: streams.size, events: 0, unreadable: [], failed: [] };
  for (const [stream, items] of streams) {
    const envelopes: EventEnvelope[] = [];
    for (const item of items) {
      const decoded = decodeRawItem(item);
      if (decoded.ok) envelopes.push(decoded.envelope);
      else report.unreadable.push({ stream, version: decoded.version });
    }
    for (let i = 0; i < envelopes.length; i += ENTRIES_PER_CALL) {
      const chunk = envelopes.slice(i, i + ENTRIES_PER_CALL);
      const results = await bus.putEvents(
        chunk.map((e) => entryOf(e, bus.busName)),
        { replayName },
      );
      chunk.forEach((e, j) => {
        const r = results[j];
        if (r?.ErrorCode) report.failed.push({ stream, version: e.version, error: `${r.ErrorCode}: ${r.ErrorMessage ?? ''}` });
        else report.events++;
      });
    }
  }
  return report;
};
