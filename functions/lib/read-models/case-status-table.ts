import { dueDatesOf } from '../../../domain/case/due-dates.ts';
import { originOf, type OriginSummary } from '../../../domain/case/origin.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createReadModelTable, sortableTime } from './read-model-table.ts';

/** The case-status read model of one case: the folded state and the last version applied to it. */
export type CaseStatusRecord = { caseId: string; version: number; state: CaseState; updatedAt: string };

/** A stored event of the case that this code cannot read (events/catalogue/read-event.ts, event-store/errors.ts). */
export type UnreadableMark = { stream: string; version: number; code: string; reason: string };
const UNREADABLE_SK = 'status#unreadable';

/** What lists show of a case: no personal data, enough to pick it. */
export type CaseSummary = {
  caseId: string;
  status: CaseState['status'];
  agencyId: string | null;
  province: string | null;
  category: CaseState['category'];
  formOfAid: CaseState['formOfAid'];
  origin: OriginSummary | null;
  receivedAt: string | null;
  workerId: string | null;
  assignedAt: string | null;
  closedAt: string | null;
  terminatedAt: string | null;
  /** Art 36: the notifying authority was told of the assigned lawyer and has not acknowledged it. */
  lawyerNoticeUnacknowledged: boolean;
  /** The earliest deadline still open (or one missed while its clock stands still), as of the last event. */
  nextDue: { kind: string; rule: string; dueAt: string } | null;
};

// Items (all under pk `case#<id>`, which the case-status projection owns):
//   sk `status`: the folded state, and the list indexes
//     gsi1 `agency#<agencyId>#<status>` / `<receivedAt UTC>#<caseId>`  — an agency's queues, with a date range
//     gsi2 `origin#<organisationId>`   / `<receivedAt UTC>#<caseId>`  — what a court, procuratorate, police or detention centre sent (sparse)
//     gsi3 `worker#<workerId>`         / `<receivedAt UTC>#<caseId>`  — a lawyer's caseload (sparse)
//   sk `index`: the same summary, for the lists a status item has no index left for
//     gsi1 `due#<agencyId>`            / `<nextDue UTC>#<caseId>`     — "overdue now" is `sk < now` (sparse)
//     gsi2 `received#<agencyId>`       / `<receivedAt UTC>#<caseId>`  — an agency's cases by date range, any status
// Both carry the version; `index` is written first, so a `status` item at version v means its index is at v or later.

export const caseStatusKeys = {
  agencyStatus: (agencyId: string, status: string) => `agency#${agencyId}#${status}`,
  origin: (organisationId: string) => `origin#${organisationId}`,
  worker: (workerId: string) => `worker#${workerId}`,
  due: (agencyId: string) => `due#${agencyId}`,
  received: (agencyId: string) => `received#${agencyId}`,
} as const;

/** The summary of a case as of `at` (its last event), so the same events always give the same item. */
export const caseSummaryOf = (caseId: string, s: CaseState, at: string): CaseSummary => {
  let deadlines: ReturnType<typeof dueDatesOf> = [];
  try {
    deadlines = dueDatesOf(s, at);
  } catch {
    // no rule set in force on the receipt: no deadlines to watch
  }
  // A paused deadline (the review, while materials are outstanding) cannot run out while paused;
  // one already missed when the pause began stays missed, so it is shown.
  const watched = deadlines.filter((d) => d.open && (!d.paused || d.overdue));
  const next = watched.reduce<(typeof watched)[number] | null>(
    (best, d) => (!best || Date.parse(d.dueAt) < Date.parse(best.dueAt) ? d : best),
    null,
  );
  return {
    caseId,
    status: s.status,
    agencyId: s.agencyId,
    province: s.province,
    category: s.category,
    formOfAid: s.formOfAid,
    origin: originOf(s),
    receivedAt: s.receivedAt,
    workerId: s.assignment?.workerId ?? null,
    assignedAt: s.assignment?.assignedAt ?? null,
    closedAt: s.closing?.closedAt ?? null,
    terminatedAt: s.termination?.terminatedAt ?? null,
    lawyerNoticeUnacknowledged: !!s.authorityNotice && s.authorityNotice.acknowledgedAt === null,
    nextDue: next ? { kind: next.kind, rule: next.rule, dueAt: sortableTime(next.dueAt) } : null,
  };
};

export const createCaseStatusTable = ({ client, tableName }: { client: DynamoDBClient; tableName: string }) => {
  const table = createReadModelTable({ client, tableName });
  return {
    get: async (caseId: string, { consistent = false } = {}): Promise<CaseStatusRecord | null> => {
      const item = await table.get(`case#${caseId}`, 'status', { consistent });
      if (!item) return null;
      return {
        caseId: item.caseId as string,
        version: item.version as number,
        state: item.state as CaseState,
        updatedAt: item.updatedAt as string,
      };
    },

    /**
     * The event the projection is stuck at, if it met one it cannot read (item `status#unreadable`):
     * the record stays before it until the code or the data is fixed and the event redriven.
     */
    unreadableOf: async (caseId: string): Promise<UnreadableMark | null> => {
      const item = await table.get(`case#${caseId}`, UNREADABLE_SK);
      return item
        ? { stream: item.stream as string, version: item.version as number, code: item.code as string, reason: item.reason as string }
        : null;
    },

    markUnreadable: async (caseId: string, mark: UnreadableMark): Promise<void> => {
      await table.putIfNewer({ pk: `case#${caseId}`, sk: UNREADABLE_SK, caseId, ...mark });
    },

    /**
     * Writes the record's items only if they move the case forward: a slower delivery of an older
     * version can never overwrite a newer one. Returns false when a newer record was already there.
     */
    put: async (record: CaseStatusRecord): Promise<boolean> => {
      const { caseId, version, state: s, updatedAt } = record;
      const summary = caseSummaryOf(caseId, s, updatedAt);
      const byReceipt = `${s.receivedAt ? sortableTime(s.receivedAt) : ''}#${caseId}`;
      const pk = `case#${caseId}`;
      await table.putIfNewer({
        pk,
        sk: 'index',
        caseId,
        version,
        updatedAt,
        summary,
        ...(s.agencyId && summary.nextDue ? { gsi1pk: caseStatusKeys.due(s.agencyId), gsi1sk: `${summary.nextDue.dueAt}#${caseId}` } : {}),
        ...(s.agencyId ? { gsi2pk: caseStatusKeys.received(s.agencyId), gsi2sk: byReceipt } : {}),
      });
      return table.putIfNewer({
        pk,
        sk: 'status',
        caseId,
        version,
        state: s,
        updatedAt,
        summary,
        ...(s.agencyId ? { gsi1pk: caseStatusKeys.agencyStatus(s.agencyId, s.status), gsi1sk: byReceipt } : {}),
        ...(summary.origin?.organisationId ? { gsi2pk: caseStatusKeys.origin(summary.origin.organisationId), gsi2sk: byReceipt } : {}),
        ...(summary.workerId ? { gsi3pk: caseStatusKeys.worker(summary.workerId), gsi3sk: byReceipt } : {}),
      });
    },
  };
};

export type CaseStatusTable = ReturnType<typeof createCaseStatusTable>;
