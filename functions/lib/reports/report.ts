import type { Counts } from '../../../domain/statistics/contribution.ts';
import { periodBounds, periodLabel, type Period } from '../../../domain/statistics/period.ts';
import { complianceKeys, qualityStandards } from '../../../domain/quality/standard.ts';
import { chooseDated } from '../../../domain/rules/choose-dated.ts';
import { closingOutcomeSchema } from '../../../events/catalogue/closing-events.ts';
import { categorySchema, formOfAidSchema, priorityGroupSchema } from '../../../events/catalogue/vocabulary.ts';
import { BOM, escapeCell, formatCsv } from '../audit/csv.ts';
import { ratio } from '../read-models/quality-queries.ts';
import type { ReadModelsTableRef } from '../read-models/read-model-table.ts';
import { readFigures, type CountsUnder, type Figures } from '../read-models/statistics-counters.ts';

export type { CountsUnder as Counts };

// The monthly and annual statistics (seeds 000, 002, 004) of any node of the registry (an agency, a
// county or city bureau, a province, rolled up as domain/statistics/roll-up.ts says) or of a list
// of agencies: cases by category and form of aid, the criminal share, where cases came from, aided
// persons by priority group, consultations, closings and the economic loss recovered, satisfaction,
// deadline compliance. Read from the statistics counters (functions/lib/read-models/statistics-counters.ts):
// O(agencies × months × counters) whatever the number of cases. Each figure's definition is in the
// report's `definitions` block.

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

/** The ways a case comes, and by which channel or forwarder (the counters `origin.<kind>.<via>`). */
export const originKinds = {
  application: ['agency-window', 'township-workstation', 'online'],
  'forwarded-application': ['detention-centre', 'handling-authority', 'duty-lawyer'],
  notification: ['court', 'procuratorate', 'police'],
} as const;

const channels = ['window', 'hotline-12348', 'internet', 'workstation'] as const;
const satisfactionLevels = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'] as const;

/** What each figure counts: stated in every report (JSON and CSV). */
export const reportDefinitions = {
  cases: 'cases received in the period, on the China business date of receipt (applications, forwarded applications, notified defence)',
  criminalShare:
    'criminal cases closed in the period ÷ all cases closed in the period: the share of the cases handled, as the published figures state it (seed 000: criminal cases completed ÷ all cases)',
  aidedPersons:
    'total: the persons of the cases received in the period that were not refused or withdrawn (one per case, each applicant of a group case); inPriorityGroups and byPriorityGroup: the persons of the cases received who are in a priority group (one person may be in several)',
  closings: 'cases closed in the period, on the China business date of closing; economic loss recovered as recorded at closing, in fen',
  consultations: 'consultation ledger entries of the period, on the China business date of the consultation',
  satisfaction:
    "cases closed in the period with a follow-up; the latest answer of each counts; satisfied = the standard's satisfied levels",
  deadlines:
    "deadlines of the cases received in the period, as of generatedAt: met, missed (late, or open past due), pending; the agency rate counts its own deadlines against the standard's target",
};

const pick = <K extends string>(counts: Counts, keys: readonly K[], prefix: string): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, counts[`${prefix}${k}`] ?? 0])) as Record<K, number>;

export const buildReport = ({ scope, period, figures, now }: { scope: ReportScope; period: Period; figures: Figures; now: string }) => {
  const t = figures.totals;
  const n = (counter: string) => t[counter] ?? 0;
  const standard = chooseDated(qualityStandards, figures.province, now) ?? qualityStandards[0]!;
  const bounds = periodBounds(period);
  const deadline = (keys: readonly string[]) => {
    const met = keys.reduce((x, k) => x + n(`deadline.${k}.met`), 0);
    const pastDue = keys.reduce((x, k) => x + (figures.pastDue[k] ?? 0), 0);
    const missed = keys.reduce((x, k) => x + n(`deadline.${k}.missed`), 0) + pastDue;
    const pending = keys.reduce((x, k) => x + n(`deadline.${k}.pending`) + n(`deadline.${k}.open`), 0) - pastDue;
    return { met, missed, pending, rate: ratio(met, met + missed) };
  };
  const agency = deadline(standard.agencyDeadlines);
  const satisfied = standard.satisfiedLevels.reduce((x, l) => x + n(`satisfaction.${l}`), 0);
  return {
    scope: { ...scope, agencyIds: [...scope.agencyIds] },
    period: { kind: period.kind, label: periodLabel(period), from: bounds.from, to: bounds.below },
    generatedAt: now,
    cases: {
      received: n('received'),
      byCategory: pick(t, categorySchema.options, 'category.'),
      byFormOfAid: pick(t, formOfAidSchema.options, 'form.'),
      criminal: n('category.criminal'),
      criminalShare: ratio(n('closed.criminal'), n('closed')),
      byOrigin: Object.fromEntries(Object.entries(originKinds).map(([kind, vias]) => [kind, pick(t, vias, `origin.${kind}.`)])) as {
        [K in keyof typeof originKinds]: Record<(typeof originKinds)[K][number], number>;
      },
    },
    aidedPersons: {
      total: n('aided'),
      inPriorityGroups: n('groups.any'),
      byPriorityGroup: pick(t, priorityGroupSchema.options, 'group.'),
    },
    closings: {
      closed: n('closed'),
      byOutcome: pick(t, closingOutcomeSchema.options, 'outcome.'),
      economicLossRecoveredFen: n('lossFen'),
    },
    consultations: {
      total: n('consultations'),
      byChannel: pick(t, channels, 'channel.'),
      toldOfRightToApply: n('told'),
      toldRate: ratio(n('told'), n('consultations')),
      ledToApplication: n('ledToApplication'),
    },
    satisfaction: {
      followedUp: n('followedUp'),
      byLevel: pick(t, satisfactionLevels, 'satisfaction.'),
      satisfied,
      satisfiedRate: ratio(satisfied, n('followedUp')),
    },
    deadlines: {
      byKind: Object.fromEntries(complianceKeys.map((k) => [k, deadline([k])])),
      agency: {
        ...agency,
        kinds: standard.agencyDeadlines,
        target: standard.complianceTarget,
        meetsStandard: agency.rate === null ? null : agency.rate >= standard.complianceTarget,
      },
    },
    agencies: scope.agencyIds.map((agencyId) => {
      const mine = figures.byAgency[agencyId] ?? {};
      return {
        agencyId,
        received: mine.received ?? 0,
        criminal: mine['category.criminal'] ?? 0,
        closed: mine.closed ?? 0,
        economicLossRecoveredFen: mine.lossFen ?? 0,
        consultations: mine.consultations ?? 0,
      };
    }),
    standard: { id: standard.id, complianceTarget: standard.complianceTarget },
    definitions: reportDefinitions,
  };
};

export type Report = ReturnType<typeof buildReport>;

/** Reads the counters of the scope's agencies (those `counts` places under it, on their own dates) and builds the report. */
export const loadReport = async (
  readModels: ReadModelsTableRef,
  scope: ReportScope,
  period: Period,
  now: string,
  counts: CountsUnder = () => true,
): Promise<Report> =>
  buildReport({ scope, period, now, figures: await readFigures(readModels, { agencyIds: scope.agencyIds, period, counts, now }) });

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
