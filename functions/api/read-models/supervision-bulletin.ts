import { periodDays } from '../../../domain/statistics/period.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { BOM, escapeCell, formatCsv } from '../../lib/audit/csv.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import type { ReadModelTable } from '../../lib/read-models/read-model-table.ts';
import { readBulletin, sumTotals, type AgencyBulletin, type BulletinTotals } from '../../lib/read-models/supervision-bulletin.ts';
import { nodeScope } from './node-scope.ts';
import { supervisionBulletinQuery } from './supervision-bulletin-request.ts';

// GET /supervision-bulletins: the monthly supervision bulletin of an agency or a bureau (seed 004),
// per agency with totals; CSV on `format=csv` or `Accept: text/csv`, one row per listed item.

/** Seed 004 commends work done well (对高质完成任务给予表彰), but nothing in the domain records a commendation yet. */
const COMMENDATIONS = { recorded: false, note: 'no commendation (表彰) is recorded by the system yet' } as const;

const csvHeader = ['section', 'agencyId', 'caseId', 'item', 'subject', 'workerId', 'date', 'state', 'count'];

const csvOf = (agencies: readonly AgencyBulletin[], totals: BulletinTotals): string => {
  const totalRows = (agencyId: string, t: BulletinTotals) =>
    Object.entries(t).map(([name, n]) => ['total', agencyId, '', name, '', '', '', '', String(n)]);
  const rows = [
    csvHeader,
    ...agencies.flatMap((a) => [
      ...a.overdue.map((d) => ['overdue', a.agencyId, d.caseId, d.deadline, '', '', d.dueAt, 'open', '']),
      ...a.missingChecks.map((m) => [
        'missing-checks',
        a.agencyId,
        m.caseId,
        m.missingChecks.join(';'),
        '',
        m.workerId ?? '',
        m.closedAt,
        'closed',
        '',
      ]),
      ...a.complaints.map((c) => ['complaint', a.agencyId, c.caseId, c.complaintId, c.subject, c.workerId ?? '', c.lodgedAt, c.state, '']),
      ...totalRows(a.agencyId, a.totals),
    ]),
    ...totalRows('', totals),
  ];
  return BOM + formatCsv(rows.map((r) => r.map(escapeCell)));
};

const wantsCsv = (format: 'json' | 'csv', accept: string | undefined) => format === 'csv' || /\btext\/csv\b/i.test(accept ?? '');

export const supervisionBulletinRoutes = ({
  readModels,
  clock,
}: {
  readModels: ReadModelTable;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => ({
  'GET /supervision-bulletins': async (event, _context, principal) => {
    const q = supervisionBulletinQuery.parse(event.queryStringParameters ?? {});
    const { first, last } = periodDays({ kind: 'month', month: q.month });
    // Figures of the agencies, not their case files: the bureaus over them read the bulletin too.
    const node = nodeScope(principal, 'organisationId', q.organisationId, { first, last, aggregate: true });
    const now = clock().toISOString();
    const agencies = await readBulletin(readModels, { agencyIds: node.agencyIds, month: q.month, counts: node.counts, now });
    const totals = sumTotals(agencies.map((a) => a.totals));
    if (!wantsCsv(q.format, event.headers?.accept)) {
      return json(200, {
        organisationId: node.organisationId,
        organisationKind: node.organisationKind,
        month: q.month,
        asOf: now,
        agencyIds: node.agencyIds,
        agencies,
        totals,
        commendations: COMMENDATIONS,
      });
    }
    const name = `supervision-bulletin-${q.month}-${node.organisationId}`.replace(/[^A-Za-z0-9._+-]/g, '_');
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
        'cache-control': 'no-store',
      },
      body: csvOf(agencies, totals),
    };
  },
});
