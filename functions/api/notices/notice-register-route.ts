import { noticeCounterStream } from '../../../domain/notice/counter.ts';
import { gapsOf, misplacedOf, printedNoticeNumber } from '../../../domain/notice/register.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { NoticeEvent } from '../../../events/catalogue/notice-events.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import { BOM, escapeCell, formatCsv } from '../../lib/audit/csv.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import { assertAgencyReadable } from '../read-models/access.ts';
import { readLegacySection } from './legacy-register.ts';
import { noticeRegisterQuery, type NoticeRegisterQuery } from './notice-register-request.ts';

// The register is read from the counter stream itself, not from a read model: it is the record the
// numbers are kept on, so what it shows is what the store holds, a damaged item included (a gap).

const DEFAULT_PAGE = 500;

type RegisterPage = Awaited<ReturnType<ReturnType<typeof readRegister>>>;

const readRegister = (events: EventsTableRef) => {
  const store = createEventStore(events);
  const legacyOf = readLegacySection(store);
  return async (q: NoticeRegisterQuery) => {
    const after = q.after ?? 0;
    const limit = q.limit ?? DEFAULT_PAGE;
    const page = await store.readPage(noticeCounterStream({ agencyId: q.agencyId, year: q.year }), { from: after + 1, limit });
    const notices = page.events.map((envelope) => {
      const stub = readEventData(catalogue, envelope) as NoticeEvent;
      const d = stub.data;
      return {
        number: d.noticeNumber,
        printed: printedNoticeNumber(d.agencyId, d.year, d.noticeNumber),
        caseId: d.caseId,
        workerId: d.workerId,
        replacesWorkerId: d.replacesWorkerId,
        // When the assignment was made (business time) and when it was put on record.
        assignedAt: d.issuedAt,
        occurredAt: envelope.occurredAt,
        recordedAt: envelope.recordedAt,
        // Who put it on record, by role and organisation (user ids are the history's, for its readers).
        recordedBy: { role: envelope.actor.role, organisation: envelope.actor.organisation },
        lateEntry: envelope.lateEntry ?? null,
        stub: { stream: envelope.stream, version: envelope.version, eventId: envelope.eventId, hash: envelope.hash },
      };
    });
    const stored = page.events.map((e, i) => ({ version: e.version, noticeNumber: notices[i]!.number }));
    return {
      agencyId: q.agencyId,
      year: q.year,
      space: 'agency' as const,
      notices,
      gaps: gapsOf(after, stored),
      misplaced: misplacedOf(stored),
      nextAfter: page.nextFrom === null ? null : page.nextFrom - 1,
      // The numbers imported from older systems, in their own spaces, paged on their own (legacyAfter=).
      legacy: await legacyOf(q.agencyId, q.year, { after: q.legacyAfter ?? 0, limit }),
    };
  };
};

const csvOf = (r: RegisterPage): string =>
  BOM +
  formatCsv(
    [
      ['kind', 'number', 'printed', 'caseId', 'workerId', 'replacesWorkerId', 'assignedAt', 'recordedAt', 'recordedBy', 'stub'],
      ...r.notices.map((n) => [
        'notice',
        String(n.number),
        n.printed,
        n.caseId,
        n.workerId,
        n.replacesWorkerId ?? '',
        n.assignedAt,
        n.recordedAt,
        `${n.recordedBy.role}@${n.recordedBy.organisation}`,
        `${n.stub.stream}@${n.stub.version}`,
      ]),
      ...r.gaps.map((g) => ['gap', g.from === g.to ? String(g.from) : `${g.from}-${g.to}`, '', '', '', '', '', '', '', '']),
      // An imported number: its space (legacy:<system>) in the kind column, the sequence it prints as its number.
      ...r.legacy.spaces.flatMap((s) =>
        s.notices.map((n) => [
          `legacy:${s.system}`,
          String(n.sequence),
          n.printed,
          n.caseId,
          n.workerId,
          n.replacesWorkerId ?? '',
          n.assignedAt,
          n.recordedAt,
          `${n.recordedBy.role}@${n.recordedBy.organisation}`,
          n.stub ? `${n.stub.stream}@${n.stub.version}` : 'missing',
        ]),
      ),
    ].map((row) => row.map(escapeCell)),
  );

/** GET /notice-register: an agency's staff, and the auditors and administrators of the bureaus over it. */
export const noticeRegisterRoutes = ({ events }: { events: EventsTableRef }): Record<string, RouteHandler<Admitted>> => {
  const read = readRegister(events);
  return {
    'GET /notice-register': async (event, _context, principal) => {
      const q = noticeRegisterQuery.parse(event.queryStringParameters ?? {});
      assertAgencyReadable(principal, q.agencyId, 'agencyId', { aggregate: true });
      const register = await read(q);
      if (q.format === 'json') return json(200, register);
      const name = `notice-register-${q.agencyId}-${q.year}-from-${(q.after ?? 0) + 1}`.replace(/[^A-Za-z0-9._+-]/g, '_');
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.csv"`,
          'cache-control': 'no-store',
        },
        body: csvOf(register),
      };
    },
  };
};
