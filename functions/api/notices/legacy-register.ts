import { legacySequenceOf } from '../../../domain/notice/legacy.ts';
import { legacySpacesOf } from '../../../domain/notice/register.ts';
import { legacyNoticeIndexStream } from '../../../domain/streams.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { LegacyNoticeIndexEvent } from '../../../events/catalogue/notice-events.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';

// The legacy section of the notice register: the agency's imported numbers of the year, read from
// its index stream (LegacyNoticeIndexed, written in the stub's own transaction) and each stub then
// read by key where the entry says it is stored. No scan: a page costs one query of the index and
// one of each stub. A stub not where its entry says is damaged data, listed with `stub: null`.

/** Stubs read at once: a page of the index is at most MAX_REGISTER_PAGE entries. */
const STUB_READS_AT_ONCE = 16;

export type LegacyPage = { after: number; limit: number };

export const readLegacySection =
  (store: Pick<EventStore, 'readPage' | 'readStream'>) =>
  async (agencyId: string, year: number, { after, limit }: LegacyPage) => {
    const page = await store.readPage(legacyNoticeIndexStream(agencyId, year), { from: after + 1, limit });
    const entries = page.events.map((envelope) => ({ envelope, entry: readEventData(catalogue, envelope) as LegacyNoticeIndexEvent }));
    const stubs: (EventEnvelope | null)[] = [];
    for (let i = 0; i < entries.length; i += STUB_READS_AT_ONCE)
      stubs.push(
        ...(await Promise.all(
          entries.slice(i, i + STUB_READS_AT_ONCE).map(async ({ entry }) => {
            const [stub] = await store.readStream(entry.data.stubStream, { from: entry.data.stubVersion, to: entry.data.stubVersion });
            return stub?.type === 'LegacyNoticeStubFiled' && stub.data.caseId === entry.data.caseId ? stub : null;
          }),
        )),
      );
    const notices = entries.map(({ envelope, entry: { data: d } }, i) => {
      const stub = stubs[i];
      return {
        system: d.system,
        printed: d.printedNoticeNumber,
        sequence: legacySequenceOf(d.printedNoticeNumber),
        caseId: d.caseId,
        workerId: d.workerId,
        replacesWorkerId: d.replacesWorkerId,
        assignedAt: d.issuedAt,
        recordedAt: envelope.recordedAt,
        recordedBy: { role: envelope.actor.role, organisation: envelope.actor.organisation },
        indexVersion: envelope.version,
        stub: stub ? { stream: stub.stream, version: stub.version, eventId: stub.eventId, hash: stub.hash } : null,
      };
    });
    return {
      spaces: legacySpacesOf(notices),
      nextAfter: page.nextFrom === null ? null : page.nextFrom - 1,
    };
  };
