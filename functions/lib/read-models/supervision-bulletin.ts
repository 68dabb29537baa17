import type { OpenDeadline } from '../../../domain/statistics/contribution.ts';
import { periodBounds } from '../../../domain/statistics/period.ts';
import type { QualityRecord } from '../../../domain/quality/record.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { mapBounded } from '../reports/bounded.ts';
import type { Counts } from '../reports/counted-records.ts';
import { statisticsKeys } from './keys.ts';
import { loadQuality } from './quality-queries.ts';
import { sortableTime, type ReadModelTable } from './read-model-table.ts';

// The monthly supervision bulletin (seed 004: 案件监督实行月通报制度) of a node: per agency, the
// deadlines that fell due in the month and are still open, the cases closed in the month that lack a
// required check, and the complaints lodged in the month with their state now. Overdue work comes from
// the statistics projection's open-deadline index (one Query per agency and receipt year), missing
// checks from the quality items closed in the month; complaints have no index of their own, so they
// are read from the agency's quality items received up to the month's end (a complaint index would
// bound that read; see docs/decisions.md).

const AGENCIES_AT_ONCE = 8;

export type OverdueItem = { agencyId: string; caseId: string; deadline: string; dueAt: string; receivedOn: string };
export type MissingCheckItem = {
  agencyId: string;
  caseId: string;
  category: string | null;
  workerId: string | null;
  closedAt: string;
  missingChecks: string[];
};
export type ComplaintItem = {
  agencyId: string;
  caseId: string;
  complaintId: string;
  subject: 'lawyer' | 'staff' | 'agency';
  workerId: string | null;
  lodgedAt: string;
  state: 'open' | 'handled';
  finding: string | null;
};
export type AgencyBulletin = {
  agencyId: string;
  overdue: OverdueItem[];
  missingChecks: MissingCheckItem[];
  complaints: ComplaintItem[];
  totals: BulletinTotals;
};
export type BulletinTotals = { overdue: number; missingChecks: number; complaints: number; complaintsOpen: number };

const totalsOf = (b: Pick<AgencyBulletin, 'overdue' | 'missingChecks' | 'complaints'>): BulletinTotals => ({
  overdue: b.overdue.length,
  missingChecks: b.missingChecks.length,
  complaints: b.complaints.length,
  complaintsOpen: b.complaints.filter((c) => c.state === 'open').length,
});

export const sumTotals = (all: readonly BulletinTotals[]): BulletinTotals =>
  all.reduce(
    (a, t) => ({
      overdue: a.overdue + t.overdue,
      missingChecks: a.missingChecks + t.missingChecks,
      complaints: a.complaints + t.complaints,
      complaintsOpen: a.complaintsOpen + t.complaintsOpen,
    }),
    { overdue: 0, missingChecks: 0, complaints: 0, complaintsOpen: 0 },
  );

const byTime =
  <T>(time: (x: T) => string) =>
  (a: T, b: T) =>
    time(a).localeCompare(time(b));

/** The bulletin of each agency of `agencyIds` for `month`, each item counted where `counts` places it on its own date. */
export const readBulletin = async (
  table: ReadModelTable,
  { agencyIds, month, counts, now }: { agencyIds: readonly string[]; month: string; counts: Counts; now: string },
): Promise<AgencyBulletin[]> => {
  const { from, below } = periodBounds({ kind: 'month', month });
  // Only what has fallen due by now is overdue: a bulletin of the running month lists the month so far.
  const dueBelow = sortableTime(now) < sortableTime(below) ? now : below;
  const year = Number(month.slice(0, 4));
  // Deadlines run days or weeks from receipt: one due in the month belongs to a case received this year or the last.
  const receiptYears = [String(year - 1), String(year)];
  const quality = loadQuality(table);
  const inMonth = (iso: string) => iso >= from && iso < below;
  return mapBounded(agencyIds, AGENCIES_AT_ONCE, async (agencyId) => {
    const [open, closed, received] = await Promise.all([
      sortableTime(dueBelow) <= sortableTime(from)
        ? Promise.resolve([])
        : Promise.all(
            receiptYears.map((y) =>
              table.queryAll({
                index: 'gsi1',
                pk: statisticsKeys.openByDue(agencyId, y),
                from: sortableTime(from),
                below: sortableTime(dueBelow),
              }),
            ),
          ).then((pages) => pages.flat().map((i) => i.deadline as OpenDeadline)),
      quality.closedBy(agencyId, { from, below }),
      quality.receivedBy(agencyId, { below }),
    ]);
    // The index holds the deadlines still running at their case's last step; one that step already
    // found past due left the index (counted missed), so those come from the records read for complaints.
    const dueInMonth = (dueAt: string) => sortableTime(dueAt) >= sortableTime(from) && sortableTime(dueAt) < sortableTime(dueBelow);
    const alreadyMissed = received.flatMap((r) =>
      r.caseId && r.receivedAt
        ? r.deadlines
            .filter((d) => d.open && d.overdue && dueInMonth(d.dueAt))
            .map((d) => ({ caseId: r.caseId!, key: d.key, dueAt: d.dueAt, receivedOn: chinaDateOf(r.receivedAt!) }))
        : [],
    );
    const seen = new Set(open.map((d) => `${d.caseId}|${d.key}`));
    const overdue = [...open, ...alreadyMissed.filter((d) => !seen.has(`${d.caseId}|${d.key}`))]
      .filter((d) => counts(agencyId, chinaDateOf(d.dueAt)))
      .map((d) => ({ agencyId, caseId: d.caseId, deadline: d.key, dueAt: d.dueAt, receivedOn: d.receivedOn }))
      .sort(byTime((d) => sortableTime(d.dueAt)));
    const missingChecks = closed
      .filter((r): r is QualityRecord & { closedAt: string; caseId: string } => r.closedAt !== null && r.caseId !== null)
      .filter((r) => r.missingChecks.length > 0 && counts(agencyId, chinaDateOf(r.closedAt)))
      .map((r) => ({
        agencyId,
        caseId: r.caseId,
        category: r.category,
        workerId: r.workerId,
        closedAt: r.closedAt,
        missingChecks: r.missingChecks,
      }))
      .sort(byTime((r) => sortableTime(r.closedAt)));
    const complaints = received
      .flatMap((r) =>
        r.complaints
          .filter((c) => inMonth(sortableTime(c.lodgedAt)) && counts(agencyId, chinaDateOf(c.lodgedAt)))
          .map(
            (c): ComplaintItem => ({
              agencyId,
              caseId: r.caseId ?? '',
              complaintId: c.complaintId,
              subject: c.subject ?? 'lawyer',
              workerId: c.workerId,
              lodgedAt: c.lodgedAt,
              state: c.handledAt === null ? 'open' : 'handled',
              finding: c.finding,
            }),
          ),
      )
      .sort(byTime((c) => sortableTime(c.lodgedAt)));
    const lists = { overdue, missingChecks, complaints };
    return { agencyId, ...lists, totals: totalsOf(lists) };
  });
};
