import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { periodDays, type Period } from '../../../domain/statistics/period.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { caseIdOf } from '../../lib/http/path-id.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import { byLawyer, byMonth, loadFunding } from '../../lib/read-models/funding-queries.ts';
import {
  complianceOf,
  consultationsOf,
  lateEntriesOf,
  loadQuality,
  scorecardOf,
  standardFor,
} from '../../lib/read-models/quality-queries.ts';
import type { ReadModelsTableRef, ReadModelTable } from '../../lib/read-models/read-model-table.ts';
import { mapBounded } from '../../lib/reports/bounded.ts';
import { countedRecords } from '../../lib/reports/counted-records.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { loadReport, reportCsv, type Counts, type ReportScope } from '../../lib/reports/report.ts';
import { assertAgencyReadable, assertWorkerReadable, workerItemVisible } from './access.ts';
import { cityNode, nodeScope } from './node-scope.ts';
import { dayBounds } from './case-lists.ts';
import {
  annualReportQuery,
  fundingLawyersQuery,
  fundingMonthsQuery,
  fundsQuery,
  missingChecksQuery,
  monthlyReportQuery,
  qualityAgencyQuery,
  qualityLawyerQuery,
  type ReportScopeQuery,
} from './requests.ts';

// Quality scorecards and funding figures sum the per-stream items of one agency (or worker) at query
// time, as of now; the monthly and annual reports read the statistics counters (lib/reports/report.ts).

const queryOf = <S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.infer<S> =>
  schema.parse(event.queryStringParameters ?? {});
/** Figures, not case lists: the justice bureau over an agency may read them too. */
const AGGREGATE = { aggregate: true } as const;

/** A scorecard without a `from` reaches back to the first day this system reports on. */
const EARLIEST_DAY = '2000-01-01';

/** What a report covers and which records count in it (a node's agencies on the period's dates). */
const reportScopeOf = (p: Admitted, q: ReportScopeQuery, period: Period): { scope: ReportScope; counts?: Counts } => {
  const { first, last } = periodDays(period);
  if (q.agencyIds) {
    const agencyIds = [...new Set(q.agencyIds.split(','))];
    const alsoOn = [last < p.today ? last : p.today];
    for (const agencyId of agencyIds) assertAgencyReadable(p, agencyId, 'agencyIds', { ...AGGREGATE, alsoOn });
    return { scope: { kind: 'agencies', agencyIds } };
  }
  const [field, node] = q.agencyId
    ? ['agencyId', q.agencyId]
    : q.cityId
      ? ['cityId', cityNode(p, q.cityId)]
      : ['organisationId', q.organisationId!];
  const { counts, ...scope } = nodeScope(p, field, node, { first, last, ...AGGREGATE });
  return { scope: { kind: scope.organisationKind === 'legal-aid-agency' ? 'agency' : 'organisation', ...scope }, counts };
};

/** Agencies whose funding items are read at once (each one or two Queries), as the reports read them. */
const PARALLEL_AGENCIES = 8;

/** The agency or node a funding view names, checked for the caller, with its agencies over the days. */
const fundingNode = (
  p: Admitted,
  q: { agencyId?: string | undefined; organisationId?: string | undefined },
  days: { first: string; last: string },
) => {
  const [field, named] = q.agencyId ? ['agencyId', q.agencyId] : ['organisationId', q.organisationId!];
  return nodeScope(p, field, named, { ...days, ...AGGREGATE });
};

export const aggregateRoutes = ({
  readModels,
  statistics,
  clock,
}: {
  readModels: ReadModelTable;
  /** The table the statistics counters are read from (the same read-models table). */
  statistics: ReadModelsTableRef;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => {
  const quality = loadQuality(readModels);
  const funding = loadFunding(readModels);

  const report = async (principal: Admitted, period: Period, q: ReportScopeQuery & { format: 'json' | 'csv' }) => {
    const { scope, counts } = reportScopeOf(principal, q, period);
    const built = await loadReport(statistics, scope, period, clock().toISOString(), counts);
    if (q.format === 'json') return json(200, built);
    const name =
      `legal-aid-${period.kind === 'month' ? period.month : period.year}-${scope.kind === 'agencies' ? scope.agencyIds.join('+') : scope.organisationId}`.replace(
        /[^A-Za-z0-9._+-]/g,
        '_',
      );
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
        'cache-control': 'no-store',
      },
      body: reportCsv(built),
    };
  };

  return {
    'GET /quality/cases/{id}': async (event, _context, p) => {
      const caseId = caseIdOf(event);
      const found = await quality.case(caseId);
      if (!found) throw new HttpError(404, 'CASE_NOT_FOUND', `no quality record of case ${caseId}`);
      if (p.role === 'aid-worker') {
        if (!found.record.workers.includes(p.id)) throw new HttpError(403, 'OUT_OF_SCOPE', `this case was never assigned to ${p.id}`);
      } else {
        assertAgencyReadable(p, found.record.agencyId ?? '', 'id');
      }
      return json(200, { ...found.record, version: found.version, updatedAt: found.updatedAt }, { etag: `"${found.version}"` });
    },

    'GET /quality/agency': async (event, _context, principal) => {
      const q = queryOf(qualityAgencyQuery, event);
      // A node's cases each count where their agency lay on the day they were received.
      const [field, named] = q.agencyId ? ['agencyId', q.agencyId] : ['organisationId', q.organisationId!];
      const node = nodeScope(principal, field, named, { first: q.from ?? EARLIEST_DAY, last: q.to ?? principal.today, ...AGGREGATE });
      const range = dayBounds(q.from, q.to);
      const now = clock().toISOString();
      const { received: records, consultations: ledger } = await countedRecords(readModels, node.agencyIds, range, {
        counts: node.counts,
        parts: ['received', 'consultations'],
        undatedOn: q.from ?? EARLIEST_DAY,
      });
      const standard = standardFor(records, now);
      const workers = [...new Set(records.map((r) => r.workerId).filter((w): w is string => w !== null))].sort();
      return json(200, {
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        organisationId: node.organisationId,
        organisationKind: node.organisationKind,
        agencyIds: node.agencyIds,
        range: { from: q.from ?? null, to: q.to ?? null },
        asOf: now,
        standard: { id: standard.id, complianceTarget: standard.complianceTarget, agencyDeadlines: standard.agencyDeadlines },
        scorecard: scorecardOf(records, standard),
        deadlines: complianceOf(records, now, standard),
        // Steps entered after they happened (a paper record entered late), flagged for supervisors.
        lateEntries: lateEntriesOf(records),
        consultations: consultationsOf(ledger),
        lawyers: workers.map((workerId) => ({
          workerId,
          ...scorecardOf(
            records.filter((r) => r.workerId === workerId),
            standard,
            workerId,
          ),
        })),
      });
    },

    'GET /quality/lawyer': async (event, _context, p) => {
      const q = queryOf(qualityLawyerQuery, event);
      assertWorkerReadable(p, q.workerId);
      const now = clock().toISOString();
      const records = (await quality.ofWorker(q.workerId, dayBounds(q.from, q.to))).filter((r) =>
        workerItemVisible(p, r.agencyId, AGGREGATE),
      );
      const standard = standardFor(records, now);
      return json(200, {
        workerId: q.workerId,
        range: { from: q.from ?? null, to: q.to ?? null },
        asOf: now,
        standard: { id: standard.id },
        scorecard: scorecardOf(records, standard, q.workerId),
      });
    },

    'GET /quality/missing-checks': async (event, _context, principal) => {
      const q = queryOf(missingChecksQuery, event);
      const [field, named] = q.agencyId ? ['agencyId', q.agencyId] : ['organisationId', q.organisationId!];
      const node = nodeScope(principal, field, named, { first: q.from ?? EARLIEST_DAY, last: q.to ?? principal.today, ...AGGREGATE });
      const { closed } = await countedRecords(readModels, node.agencyIds, dayBounds(q.from, q.to), {
        counts: node.counts,
        parts: ['closed'],
        undatedOn: q.from ?? EARLIEST_DAY,
      });
      const missing = closed.filter((r) => r.missingChecks.length > 0).sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''));
      return json(200, {
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        organisationId: node.organisationId,
        agencyIds: node.agencyIds,
        closedCases: closed.length,
        items: missing.map((r) => ({
          caseId: r.caseId,
          agencyId: r.agencyId,
          category: r.category,
          formOfAid: r.formOfAid,
          workerId: r.workerId,
          closedAt: r.closedAt,
          requiredChecks: r.requiredChecks,
          missingChecks: r.missingChecks,
        })),
      });
    },

    'GET /funding/funds': async (event, _context, principal) => {
      const q = queryOf(fundsQuery, event);
      // A fund belongs to the agency that holds it (Art 52): a node's funds are its agencies' funds, each named.
      const node = fundingNode(
        principal,
        q,
        q.year ? periodDays({ kind: 'year', year: Number(q.year) }) : { first: principal.today, last: principal.today },
      );
      const funds = (await mapBounded(node.agencyIds, PARALLEL_AGENCIES, (agencyId) => funding.funds(agencyId, q.year)))
        .flat()
        .filter((f) => !q.source || f.source === q.source);
      const total = (k: 'allocatedFen' | 'committedFen' | 'paidFen' | 'remainingFen') => funds.reduce((n, f) => n + f[k], 0);
      return json(200, {
        ...(q.agencyId ? { agencyId: q.agencyId } : { organisationId: node.organisationId, agencyIds: node.agencyIds }),
        funds,
        totals: {
          allocatedFen: total('allocatedFen'),
          committedFen: total('committedFen'),
          paidFen: total('paidFen'),
          remainingFen: total('remainingFen'),
        },
      });
    },

    'GET /funding/lawyers': async (event, _context, p) => {
      const q = queryOf(fundingLawyersQuery, event);
      if (q.workerId) {
        assertWorkerReadable(p, q.workerId);
        const [cases, subsidies] = await Promise.all([
          funding.workerCases(q.workerId, q.year),
          funding.workerSubsidies(q.workerId, q.year),
        ]);
        const visible = cases.filter((c) => workerItemVisible(p, c.facts.agencyId, AGGREGATE));
        return json(200, {
          workerId: q.workerId,
          year: q.year ?? null,
          lawyers: byLawyer(
            visible,
            subsidies.filter((s) => workerItemVisible(p, s.agencyId, AGGREGATE)),
          ),
        });
      }
      if (p.role === 'aid-worker')
        throw new HttpError(403, 'OTHER_WORKER', 'an aid worker reads only their own subsidies: name workerId', { field: 'agencyId' });
      assertAgencyReadable(p, q.agencyId!, 'agencyId', AGGREGATE);
      const [cases, subsidies] = await Promise.all([
        funding.agencyCases(q.agencyId!, q.year),
        funding.agencySubsidies(q.agencyId!, q.year),
      ]);
      return json(200, { agencyId: q.agencyId, year: q.year ?? null, lawyers: byLawyer(cases, subsidies) });
    },

    'GET /funding/months': async (event, _context, principal) => {
      const q = queryOf(fundingMonthsQuery, event);
      const node = fundingNode(principal, q, periodDays({ kind: 'year', year: Number(q.year) }));
      const read = await mapBounded(node.agencyIds, PARALLEL_AGENCIES, async (agencyId) => {
        const [cases, subsidies] = await Promise.all([funding.agencyCases(agencyId, q.year), funding.agencySubsidies(agencyId)]);
        // Each record counts under the node its agency lay under on the record's own day, as the reports count.
        return {
          cases: cases.filter((c) => !c.facts.closedAt || node.counts(agencyId, chinaDateOf(c.facts.closedAt))),
          subsidies: subsidies.filter((s) => {
            const on = s.approvedAt ?? s.paid?.paidAt;
            return !on || node.counts(agencyId, chinaDateOf(on));
          }),
        };
      });
      const months = byMonth(
        q.year,
        read.flatMap((r) => r.cases),
        read.flatMap((r) => r.subsidies),
      );
      return json(200, {
        ...(q.agencyId ? { agencyId: q.agencyId } : { organisationId: node.organisationId, agencyIds: node.agencyIds }),
        year: q.year,
        months,
      });
    },

    'GET /reports/monthly': async (event, _context, principal) => {
      const q = queryOf(monthlyReportQuery, event);
      return report(principal, { kind: 'month', month: q.month }, q);
    },

    'GET /reports/annual': async (event, _context, principal) => {
      const q = queryOf(annualReportQuery, event);
      return report(principal, { kind: 'year', year: Number(q.year) }, q);
    },
  };
};
