import type { Registry } from '../../../domain/organisation/registry.ts';
import type { DisclosureRule } from '../../../domain/rules/disclosure.ts';
import { periodDays, periodLabel, type Period } from '../../../domain/statistics/period.ts';
import { suppressedCells, type Relation } from '../../../domain/statistics/suppression.ts';
import { chinaDateOf, plusMs } from '../../../domain/time/calendar.ts';
import type { Report } from '../../lib/reports/report.ts';

// The public disclosure's table of one province for one period: each agency, each city (the sum of
// its agencies) and the province (the sum of its cities and of the agencies directly under it), four
// counts each, every count below the rule's minimum withheld and the complementary cells with it
// (domain/statistics/suppression.ts), figure by figure.

export const disclosedFigures = ['casesReceived', 'criminalCases', 'casesClosed', 'consultations'] as const;
export type DisclosedFigure = (typeof disclosedFigures)[number];
export const SUPPRESSED = 'suppressed';
export type Cell = number | typeof SUPPRESSED;

const definitions: Record<DisclosedFigure, string> = {
  casesReceived: 'cases received in the period (applications, forwarded applications, notified defence)',
  criminalCases: 'criminal cases among them',
  casesClosed: 'cases closed in the period',
  consultations: 'consultation ledger entries of the period',
};

type Row = { organisationId: string; name: string } & Record<DisclosedFigure, Cell>;

/** The last day of the period on which the agency was in the tree (a closed or merged one: the day before). */
const lastDayIn = (registry: Registry, agencyId: string, last: string): string => {
  const s = registry.get(agencyId);
  const ended = [s?.closedFrom, s?.merged?.from].filter((d): d is string => !!d && d <= last).sort()[0];
  return ended ? chinaDateOf(plusMs(`${ended}T00:00:00+08:00`, -1)) : last;
};

export const disclosureTable = ({
  report,
  registry,
  provinceId,
  period,
  rule,
}: {
  report: Report;
  registry: Registry;
  provinceId: string;
  period: Period;
  rule: DisclosureRule;
}) => {
  const { last } = periodDays(period);
  const nameOf = (id: string, on = last) => registry.describe(id, on)?.name ?? id;
  const agencies = report.agencies.map((a) => {
    const on = lastDayIn(registry, a.agencyId, last);
    const city = registry.ancestors(a.agencyId, on).find((id) => registry.get(id)?.kind === 'city-bureau') ?? null;
    const figures: Record<DisclosedFigure, number> = {
      casesReceived: a.received,
      criminalCases: a.criminal,
      casesClosed: a.closed,
      consultations: a.consultations,
    };
    return { organisationId: a.agencyId, name: nameOf(a.agencyId, on), cityId: city, figures };
  });
  const cityIds = [...new Set(agencies.map((a) => a.cityId).filter((c): c is string => c !== null))].sort();
  const relations: Relation[] = [
    ...cityIds.map((city) => ({ total: city, parts: agencies.filter((a) => a.cityId === city).map((a) => a.organisationId) })),
    { total: provinceId, parts: [...cityIds, ...agencies.filter((a) => a.cityId === null).map((a) => a.organisationId)] },
  ];
  const sum = (rows: readonly { figures: Record<DisclosedFigure, number> }[], f: DisclosedFigure) =>
    rows.reduce((n, r) => n + r.figures[f], 0);

  const cells = Object.fromEntries(
    disclosedFigures.map((f) => {
      const values = new Map<string, number>([
        ...agencies.map((a): [string, number] => [a.organisationId, a.figures[f]]),
        ...cityIds.map((c): [string, number] => [
          c,
          sum(
            agencies.filter((a) => a.cityId === c),
            f,
          ),
        ]),
        [provinceId, sum(agencies, f)],
      ]);
      const withheld = suppressedCells(values, relations, rule.minimumCount);
      return [f, (id: string): Cell => (withheld.has(id) ? SUPPRESSED : values.get(id)!)];
    }),
  ) as Record<DisclosedFigure, (id: string) => Cell>;
  const row = (organisationId: string, name: string): Row =>
    ({ organisationId, name, ...Object.fromEntries(disclosedFigures.map((f) => [f, cells[f](organisationId)])) }) as Row;

  return {
    provinceId,
    period: { kind: period.kind, label: periodLabel(period) },
    province: row(provinceId, nameOf(provinceId)),
    cities: cityIds.map((c) => row(c, nameOf(c))),
    agencies: agencies.map((a) => ({ ...row(a.organisationId, a.name), cityId: a.cityId })),
    suppression: {
      minimumCount: rule.minimumCount,
      ruleId: rule.id,
      source: rule.source,
      how: `a count below ${rule.minimumCount} is shown as "${SUPPRESSED}"; so is, figure by figure, the smallest other count needed so that no withheld count can be worked out from a total and its published parts (a province is the sum of its cities and of the agencies directly under it, a city the sum of its agencies)`,
    },
    definitions,
  };
};

export type DisclosureTable = ReturnType<typeof disclosureTable>;
