import type { ConsultationFacts, QualityRecord } from '../../../domain/quality/record.ts';
import { periodBounds, periodDays, periodLabel, type Period } from '../../../domain/statistics/period.ts';
import { closingOutcomeSchema } from '../../../events/catalogue/closing-events.ts';
import { categorySchema, formOfAidSchema, priorityGroupSchema } from '../../../events/catalogue/vocabulary.ts';
import { BOM, escapeCell, formatCsv } from '../audit/csv.ts';
import { complianceOf, consultationsOf, ratio, satisfactionOf, standardFor } from '../read-models/quality-queries.ts';
import type { ReadModelTable } from '../read-models/read-model-table.ts';
import { countedRecords, type Counts } from './counted-records.ts';

export type { Counts };

// The monthly and annual statistics (seeds 000, 002, 004) of any node of the registry (an agency, a
// county or city bureau, a province, rolled up as domain/statistics/roll-up.ts says) or of a list
// of agencies: cases by category and form of aid, the criminal share, where cases came from, aided
// persons by priority group, consultations, closings and the economic loss recovered, satisfaction,
// deadline compliance.
// Computed at query time from the quality read model (one item per case, one per consultation).
//
// What each figure counts (also in the report's `definitions`):
//  - cases, origins, aided persons, deadlines: cases the agency received in the period;
//  - closings, loss recovered, satisfaction: cases closed in the period (satisfaction: the latest
//    follow-up of each, whenever it was made);
//  - consultations: ledger entries of the period;
//  - deadlines: those of the period's cases, judged now (an open one past its time is missed).

/**
 * What a report covers: one node of the registry (an agency, a county or city bureau, a provincial
 * department) with the agencies whose records may count under it in the period, or a list of agencies.
 */
export type ReportScope =
  | {
      kind: 'agency' | 'organisation';
      organisationId: string;
      organisationKind: string;
      /** Its name in force on the period's last day. */
      name: string;
      agencyIds: readonly string[];
    }
  | { kind: 'agencies'; agencyIds: readonly string[] };

const tally = <K extends string>(keys: readonly K[], values: readonly (string | null | undefined)[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

const originKinds = {
  application: ['agency-window', 'township-workstation', 'online'],
  'forwarded-application': ['detention-centre', 'handling-authority', 'duty-lawyer'],
  notification: ['court', 'procuratorate', 'police'],
} as const;

const byOrigin = (records: readonly QualityRecord[]) =>
  Object.fromEntries(
    Object.entries(originKinds).map(([kind, vias]) => [
      kind,
      tally(
        vias,
        records.filter((r) => r.origin?.kind === kind).map((r) => r.origin?.via ?? null),
      ),
    ]),
  ) as { [K in keyof typeof originKinds]: Record<(typeof originKinds)[K][number], number> };

const definitions = {
  cases: 'cases received in the period (applications, forwarded applications, notified defence)',
  criminalShare: 'criminal cases received ÷ all cases received',
  aidedPersons: 'aided persons of the cases received, by priority group (one person may be in several)',
  closings: 'cases closed in the period; economic loss recovered as recorded at closing, in fen',
  consultations: 'consultation ledger entries of the period',
  satisfaction:
    "cases closed in the period with a follow-up; the latest answer of each counts; satisfied = the standard's satisfied levels",
  deadlines:
    "deadlines of the cases received in the period, as of generatedAt: met, missed (late, or open past due), pending; the agency rate counts its own deadlines against the standard's target",
};

export const buildReport = ({
  scope,
  period,
  received,
  closed,
  consultations,
  now,
}: {
  scope: ReportScope;
  period: Period;
  received: readonly QualityRecord[];
  closed: readonly QualityRecord[];
  consultations: readonly ConsultationFacts[];
  now: string;
}) => {
  const standard = standardFor([...received, ...closed], now);
  const criminal = received.filter((r) => r.category === 'criminal').length;
  const withGroup = received.filter((r) => r.priorityGroups.length > 0).length;
  const bounds = periodBounds(period);
  return {
    scope: { ...scope, agencyIds: [...scope.agencyIds] },
    period: { kind: period.kind, label: periodLabel(period), from: bounds.from, to: bounds.below },
    generatedAt: now,
    cases: {
      received: received.length,
      byCategory: tally(
        categorySchema.options,
        received.map((r) => r.category),
      ),
      byFormOfAid: tally(
        formOfAidSchema.options,
        received.map((r) => r.formOfAid),
      ),
      criminal,
      criminalShare: ratio(criminal, received.length),
      byOrigin: byOrigin(received),
    },
    aidedPersons: {
      total: received.length,
      inPriorityGroups: withGroup,
      byPriorityGroup: tally(
        priorityGroupSchema.options,
        received.flatMap((r) => r.priorityGroups),
      ),
    },
    closings: {
      closed: closed.length,
      byOutcome: tally(
        closingOutcomeSchema.options,
        closed.map((r) => r.closingOutcome),
      ),
      economicLossRecoveredFen: closed.reduce((n, r) => n + r.economicLossRecoveredFen, 0),
    },
    consultations: consultationsOf(consultations),
    satisfaction: satisfactionOf(closed, standard),
    deadlines: complianceOf(received, now, standard),
    agencies: scope.agencyIds.map((agencyId) => {
      const mine = received.filter((r) => r.agencyId === agencyId);
      const myClosed = closed.filter((r) => r.agencyId === agencyId);
      return {
        agencyId,
        received: mine.length,
        criminal: mine.filter((r) => r.category === 'criminal').length,
        closed: myClosed.length,
        economicLossRecoveredFen: myClosed.reduce((n, r) => n + r.economicLossRecoveredFen, 0),
        consultations: consultations.filter((c) => c.agencyId === agencyId).length,
      };
    }),
    standard: { id: standard.id, complianceTarget: standard.complianceTarget },
    definitions,
  };
};

export type Report = ReturnType<typeof buildReport>;

/** Loads what the report needs, agency by agency, keeping the records `counts` places under the scope, and builds it. */
export const loadReport = async (
  table: ReadModelTable,
  scope: ReportScope,
  period: Period,
  now: string,
  counts: Counts = () => true,
): Promise<Report> => {
  const records = await countedRecords(table, scope.agencyIds, periodBounds(period), {
    counts,
    parts: ['received', 'closed', 'consultations'],
    undatedOn: periodDays(period).first,
  });
  return buildReport({ scope, period, ...records, now });
};

/** Every leaf of the report as a `metric,value` row, metric a dotted path (`cases.byCategory.criminal`). */
export const reportRows = (report: Report): [string, string][] => {
  const rows: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    else rows.push([path, value === null || value === undefined ? '' : String(value)]);
  };
  walk(report, '');
  return rows;
};

/** RFC 4180 CSV with a BOM (Excel reads the Chinese as UTF-8); cells that look like formulas are escaped. */
export const reportCsv = (report: Report): string =>
  BOM + formatCsv([['metric', 'value'], ...reportRows(report).map(([m, v]) => [escapeCell(m), escapeCell(v)])]);
