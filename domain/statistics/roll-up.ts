import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { isJusticeKind } from '../organisation/kinds.ts';
import type { Registry } from '../organisation/registry.ts';

// Which agencies' figures a node of the tree (an agency, a county or city bureau, a provincial
// department) reports over a period, read from the registry on the period's own dates, not today's.
//
// The rule, one for every figure: a record (a case received, a case closed, a consultation) counts
// under a node when, on the record's own China date, the agency that holds it lies under the node
// (`liesUnder`, which follows mergers). So a period that spans a merger splits at the merger date:
// an absorbed agency's records before it count under its old branch, those from it on under the
// successor's. On any one day every agency lies on one path to the root, so a parent's figures are
// exactly the sum of its children's, whatever moved, merged or closed during the period.

/** The nodes a report may be asked for: an agency, or a justice body (county, city, province). */
export const isReportableKind = (kind: OrganisationKind): boolean => kind === 'legal-aid-agency' || isJusticeKind(kind);

/**
 * The days within [first, last] on which the tree may differ from the day before: the first day and
 * each dated change (opening, move, merger, closing). Between two of them every `liesUnder` answer
 * stays the same, so asking on these days alone sees every agency that lay under a node in the period.
 */
export const changeDays = (registry: Registry, first: string, last: string): string[] => {
  const days = new Set([first]);
  for (const s of registry.all()) {
    const changes = [s.validFrom, s.closedFrom, s.merged?.from, ...s.placements.map((p) => p.from)];
    for (const d of changes) if (d && d > first && d <= last) days.add(d);
  }
  return [...days].sort();
};

export type RollUp = {
  organisationId: string;
  /** Every agency whose records may count under the node on some day of the period, sorted. */
  agencyIds: string[];
  /** Whether a record of `agencyId` dated `date` (China business date) counts under the node. */
  counts: (agencyId: string, date: string) => boolean;
};

/**
 * The roll-up of `organisationId` over [first, last]. Cost: organisations × change days × depth of
 * the tree, in memory, and one answer per agency and day its records fall on; no read.
 */
export const rollUpOf = (registry: Registry, organisationId: string, first: string, last: string): RollUp => {
  const days = changeDays(registry, first, last);
  const agencyIds = registry
    .all()
    .filter((s) => s.kind === 'legal-aid-agency' && days.some((d) => registry.liesUnder(s.organisationId, organisationId, d)))
    .map((s) => s.organisationId)
    .sort();
  // A year's report asks this once per record: many records share an agency and a day.
  const answers = new Map<string, boolean>();
  const counts = (agencyId: string, date: string) => {
    const key = `${agencyId}|${date}`;
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = registry.liesUnder(agencyId, organisationId, date)));
    return answer;
  };
  return { organisationId, agencyIds, counts };
};
