import { refuse } from '../error-codes.ts';
import { chooseDated } from '../rules/choose-dated.ts';
import { lateEntryPolicies, type LateEntryPolicy } from '../rules/late-entry.ts';
import { chinaDateOf, daysBetweenDates, toMs } from './calendar.ts';
import type { LateEntryReason } from '../../events/late-entry-reasons.ts';

// Every record has two times: when it happened (business time, `occurredAt`) and when the store wrote
// it (recorded time). Deadlines and figures count business time, so who sets it could move a clock
// that runs against them: a business time earlier than the recording is a late entry, allowed only
// within the policy's window, with a reason, and flagged for supervisors.

/** A late entry as its event carries it: why, how many days late, under which policy. */
export type LateEntry = { reason: LateEntryReason; lateByDays: number; policyId: string };

export type BusinessTime = { occurredAt: string; lateEntry: LateEntry | null };

export type BusinessTimeInput = {
  /** When the command says it happened; absent: it happens as it is recorded. */
  occurredAt: string | undefined;
  /** A code of events/late-entry-reasons.ts: the request schema refuses anything else (400). */
  lateEntryReason: LateEntryReason | undefined;
  /** The server's time of the request (the caller cannot set it). */
  recordedAt: string;
};

/** The business time of a command, or a refusal naming `occurredAt` or `lateEntryReason`. */
export const businessTimeOf = (
  { occurredAt, lateEntryReason, recordedAt }: BusinessTimeInput,
  policies: readonly LateEntryPolicy[] = lateEntryPolicies,
): BusinessTime => {
  const notLate = (at: string): BusinessTime => {
    if (lateEntryReason !== undefined)
      throw refuse(
        'LATE_ENTRY_NOT_LATE',
        `lateEntryReason is given, but the record is not entered late (occurredAt ${at})`,
        'lateEntryReason',
      );
    return { occurredAt: at, lateEntry: null };
  };
  if (occurredAt === undefined) return notLate(recordedAt);
  const policy = chooseDated(policies, null, recordedAt);
  if (!policy) throw refuse('NO_LATE_ENTRY_POLICY', `no late-entry policy was in force on ${chinaDateOf(recordedAt)}`, 'occurredAt');
  const aheadMs = toMs(occurredAt) - toMs(recordedAt);
  if (aheadMs > policy.futureSkewSeconds * 1000)
    throw refuse('OCCURRED_AT_IN_FUTURE', `occurredAt ${occurredAt} is later than the time of recording (${recordedAt})`, 'occurredAt');
  if (-aheadMs <= policy.toleranceMinutes * 60_000) return notLate(occurredAt);
  const lateByDays = daysBetweenDates(chinaDateOf(occurredAt), chinaDateOf(recordedAt));
  if (lateByDays > policy.lateEntryDays)
    throw refuse(
      'LATE_ENTRY_OUTSIDE_WINDOW',
      `occurredAt ${occurredAt} is ${lateByDays} days before its recording; ${policy.id} allows at most ${policy.lateEntryDays}`,
      'occurredAt',
    );
  if (lateEntryReason === undefined)
    throw refuse(
      'LATE_ENTRY_REASON_REQUIRED',
      `occurredAt ${occurredAt} is before its recording (${recordedAt}): say why in lateEntryReason`,
      'lateEntryReason',
    );
  return { occurredAt, lateEntry: { reason: lateEntryReason, lateByDays, policyId: policy.id } };
};
