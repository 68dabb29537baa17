import type { NoticeEvent } from '../../events/catalogue/notice-events.ts';
import { noticeStream } from '../streams.ts';

/**
 * The assignment-notice counter of one agency and year. Its stream holds one stub per notice, so
 * the stream's version is the last notice number; appending the next stub at the expected version
 * is what makes two racing assignments take different numbers, with none skipped.
 */
export type NoticeCounter = { agencyId: string; year: number; lastNumber: number };

export const noticeCounterStream = (counter: Pick<NoticeCounter, 'agencyId' | 'year'>) => noticeStream(counter.agencyId, counter.year);

export const evolveNoticeCounter = (counter: NoticeCounter, event: NoticeEvent): NoticeCounter => {
  const d = event.data;
  // A stub that does not follow on is a corrupted counter, not a refusal: nothing may be decided on it.
  if (d.agencyId !== counter.agencyId || d.year !== counter.year || d.noticeNumber !== counter.lastNumber + 1) {
    throw new Error(
      `notice stub ${d.agencyId}/${d.year}/${d.noticeNumber} does not follow ${counter.agencyId}/${counter.year}/${counter.lastNumber}`,
    );
  }
  return { ...counter, lastNumber: d.noticeNumber };
};

export const loadNoticeCounter = (key: Pick<NoticeCounter, 'agencyId' | 'year'>, events: readonly NoticeEvent[]): NoticeCounter =>
  events.reduce(evolveNoticeCounter, { agencyId: key.agencyId, year: key.year, lastNumber: 0 });

/**
 * The counter from its newest stub alone, which is what an assignment reads: the stream is
 * gap-free by construction, so the stub's number is the count. The stub must sit at the version
 * its number says, else the counter is corrupted and nothing may be decided on it.
 */
export const noticeCounterAt = (
  key: Pick<NoticeCounter, 'agencyId' | 'year'>,
  newest: { version: number; event: NoticeEvent } | null,
): NoticeCounter => {
  if (!newest) return { agencyId: key.agencyId, year: key.year, lastNumber: 0 };
  const d = newest.event.data;
  if (d.agencyId !== key.agencyId || d.year !== key.year || d.noticeNumber !== newest.version) {
    throw new Error(
      `notice stub ${d.agencyId}/${d.year}/${d.noticeNumber} at version ${newest.version} is not counter ${key.agencyId}/${key.year}`,
    );
  }
  return { agencyId: key.agencyId, year: key.year, lastNumber: d.noticeNumber };
};
