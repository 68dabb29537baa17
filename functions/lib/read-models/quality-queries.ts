import { deadlineOutcome, type ConsultationFacts, type QualityRecord } from '../../../domain/quality/record.ts';
import {
  caseTypeOf,
  caseTypes,
  checkKinds,
  complianceKeys,
  qualityStandards,
  type QualityStandard,
} from '../../../domain/quality/standard.ts';
import { chooseDated } from '../../../domain/rules/choose-dated.ts';
import { qualityKeys } from './keys.ts';
import type { ReadModelTable } from './read-model-table.ts';

// Scorecards and compliance, summed at query time from the quality items of one agency or one worker
// (see functions/projections/stream-projection.ts for why totals are never stored). Deadlines are
// judged against `now`: an open deadline becomes missed when its time passes, without any event.

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
export const ratio = (n: number, d: number): number | null => (d > 0 ? round(n / d, 4) : null);
const average = (xs: readonly number[]): number | null => (xs.length > 0 ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 2) : null);
const tally = <K extends string>(keys: readonly K[], values: readonly string[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

const grades = ['excellent', 'good', 'pass', 'fail'] as const;
const satisfactionLevels = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'] as const;

/** The standard a set of records is measured against: the one in force now for their province. */
export const standardFor = (
  records: readonly QualityRecord[],
  now: string,
  standards: readonly QualityStandard[] = qualityStandards,
): QualityStandard => chooseDated(standards, records.find((r) => r.province)?.province ?? null, now) ?? standards[0]!;

/** The latest follow-up of a case: what the aided person last said. */
export const latestFollowUp = (r: QualityRecord) =>
  r.followUps.reduce<QualityRecord['followUps'][number] | null>(
    (best, f) => (!best || Date.parse(f.at) >= Date.parse(best.at) ? f : best),
    null,
  );

export const satisfactionOf = (records: readonly QualityRecord[], standard: QualityStandard) => {
  const answers = records
    .map(latestFollowUp)
    .filter((f) => f !== null)
    .map((f) => f.satisfaction);
  const satisfied = answers.filter((a) => standard.satisfiedLevels.includes(a)).length;
  return {
    followedUp: answers.length,
    byLevel: tally(satisfactionLevels, answers),
    satisfied,
    satisfiedRate: ratio(satisfied, answers.length),
  };
};

export const complianceOf = (records: readonly QualityRecord[], now: string, standard: QualityStandard) => {
  const outcomes = records.flatMap((r) => r.deadlines.map((d) => ({ key: d.key, outcome: deadlineOutcome(d, now) })));
  const count = (keys: readonly string[]) => {
    const of = outcomes.filter((o) => keys.includes(o.key));
    const met = of.filter((o) => o.outcome === 'met').length;
    const missed = of.filter((o) => o.outcome === 'missed').length;
    return { met, missed, pending: of.length - met - missed, rate: ratio(met, met + missed) };
  };
  const agency = count(standard.agencyDeadlines);
  return {
    byKind: Object.fromEntries(complianceKeys.map((k) => [k, count([k])])),
    agency: {
      ...agency,
      kinds: standard.agencyDeadlines,
      target: standard.complianceTarget,
      meetsStandard: agency.rate === null ? null : agency.rate >= standard.complianceTarget,
    },
  };
};

/**
 * The cases of a set with steps entered late (functions/projections/quality.ts `lateEntries`), for
 * supervisors to look into: each late entry's reason is in the case's history.
 */
export const lateEntriesOf = (records: readonly QualityRecord[]) => {
  const flagged = records
    .map((r) => ({ caseId: r.caseId, entries: (r as QualityRecord & { lateEntries?: readonly unknown[] }).lateEntries?.length ?? 0 }))
    .filter((r) => r.entries > 0);
  return {
    cases: flagged.length,
    entries: flagged.reduce((n, r) => n + r.entries, 0),
    caseIds: flagged.map((r) => r.caseId).filter((id): id is string => id !== null),
  };
};

const complaintSubjects = ['lawyer', 'staff', 'agency'] as const;

const complaintCounts = (complaints: readonly QualityRecord['complaints'][number][]) => ({
  lodged: complaints.length,
  open: complaints.filter((c) => c.handledAt === null).length,
  resolved: complaints.filter((c) => c.handledAt !== null).length,
  substantiated: complaints.filter((c) => c.finding === 'substantiated' || c.finding === 'partly-substantiated').length,
});

/**
 * File reviews per case type (seed 004): count and average score, and how often each item of the
 * type's standard was found missing. A review recorded without items counts under its case's category.
 */
const fileReviewsByCaseType = (records: readonly QualityRecord[]) => {
  const reviews = records.flatMap((r) => r.fileReviews.map((f) => ({ ...f, caseType: f.caseType ?? caseTypeOf(r.category) })));
  return Object.fromEntries(
    caseTypes.map((t) => {
      const of = reviews.filter((f) => f.caseType === t);
      const missed: Record<string, number> = {};
      for (const id of of.flatMap((f) => f.missedItems ?? [])) missed[id] = (missed[id] ?? 0) + 1;
      return [
        t,
        {
          count: of.length,
          byItems: of.filter((f) => f.missedItems).length,
          averageScore: average(of.map((f) => f.score)),
          missedItems: missed,
        },
      ];
    }),
  );
};

/** The checks, scores, complaints and missing checks of a set of cases. */
export const scorecardOf = (records: readonly QualityRecord[], standard: QualityStandard, complaintsAbout?: string) => {
  const all = <T>(pick: (r: QualityRecord) => readonly T[]) => records.flatMap(pick);
  const fileReviews = all((r) => r.fileReviews);
  const peerReviews = all((r) => r.peerReviews);
  // A lawyer's scorecard counts the complaints about the lawyer's work, not those about the window staff or the agency.
  const complaints = all((r) => r.complaints).filter(
    (c) => complaintsAbout === undefined || (c.workerId === complaintsAbout && (c.subject ?? 'lawyer') === 'lawyer'),
  );
  const missing = records.filter((r) => r.missingChecks.length > 0);
  return {
    cases: records.length,
    closed: records.filter((r) => r.closedAt !== null).length,
    hearingObservations: {
      count: all((r) => r.hearingObservations).length,
      averageScore: average(all((r) => r.hearingObservations).map((h) => h.score)),
    },
    fileReviews: {
      count: fileReviews.length,
      averageScore: average(fileReviews.map((f) => f.score)),
      byGrade: tally(
        grades,
        fileReviews.map((f) => f.grade),
      ),
      byCaseType: fileReviewsByCaseType(records),
    },
    authorityOpinions: {
      count: all((r) => r.authorityOpinions).length,
      byRating: tally(
        ['satisfied', 'basically-satisfied', 'dissatisfied'] as const,
        all((r) => r.authorityOpinions).map((o) => o.rating),
      ),
    },
    followUps: { count: all((r) => r.followUps).length, ...satisfactionOf(records, standard) },
    peerReviews: {
      count: peerReviews.length,
      averageScore: average(peerReviews.map((p) => p.score)),
      byGrade: tally(
        grades,
        peerReviews.map((p) => p.grade),
      ),
    },
    complaints: {
      ...complaintCounts(complaints),
      // Seed 002 complains of window staff and agencies as well as lawyers: each counted the same way.
      bySubject: Object.fromEntries(
        complaintSubjects.map((kind) => [kind, complaintCounts(complaints.filter((c) => (c.subject ?? 'lawyer') === kind))]),
      ) as Record<(typeof complaintSubjects)[number], ReturnType<typeof complaintCounts>>,
    },
    missingChecks: {
      cases: missing.length,
      byCheck: tally(
        checkKinds,
        missing.flatMap((r) => r.missingChecks),
      ),
    },
  };
};

export const consultationsOf = (ledger: readonly ConsultationFacts[]) => {
  const told = ledger.filter((c) => c.toldOfRightToApply).length;
  return {
    total: ledger.length,
    byChannel: tally(
      ['window', 'hotline-12348', 'internet', 'workstation'] as const,
      ledger.map((c) => c.channel ?? ''),
    ),
    toldOfRightToApply: told,
    toldRate: ratio(told, ledger.length),
    ledToApplication: ledger.filter((c) => c.caseId !== null).length,
  };
};

export type Range = { from?: string; below?: string };

/** The quality items of an agency's cases received in the range (gsi1), closed in it (gsi2), or of a worker's cases (gsi3). */
export const loadQuality = (table: ReadModelTable) => ({
  receivedBy: async (agencyId: string, range: Range) =>
    (await table.queryAll({ index: 'gsi1', pk: qualityKeys.agency(agencyId), ...range })).map((i) => i.record as QualityRecord),
  closedBy: async (agencyId: string, range: Range) =>
    (await table.queryAll({ index: 'gsi2', pk: qualityKeys.closed(agencyId), ...range })).map((i) => i.record as QualityRecord),
  ofWorker: async (workerId: string, range: Range) =>
    (await table.queryAll({ index: 'gsi3', pk: qualityKeys.worker(workerId), ...range })).map((i) => i.record as QualityRecord),
  consultations: async (agencyId: string, range: Range) =>
    (await table.queryAll({ index: 'gsi1', pk: qualityKeys.consultations(agencyId), ...range })).map((i) => i.state as ConsultationFacts),
  case: async (caseId: string) => {
    const item = await table.get(qualityKeys.casePk(caseId), 'case');
    return item ? { version: item.version as number, updatedAt: item.updatedAt as string, record: item.record as QualityRecord } : null;
  },
});
