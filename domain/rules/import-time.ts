import { refuse } from '../error-codes.ts';
import type { BusinessTime } from '../time/business-time.ts';
import { toMs } from '../time/calendar.ts';
import { chooseDated, type DatedRules } from './choose-dated.ts';

/**
 * How an imported record's business time is judged. An import carries records of past years from an
 * older system (docs/import.md): it is not a late entry of a paper record, so no late-entry window
 * or reason applies and no late-entry flag is set; its provenance (events/envelope.ts) says where it
 * came from instead. A business time ahead of the recording clock is refused as for any command, and
 * a record's lines never run backwards (the command runner's TIME_OUT_OF_ORDER). Whether the law of
 * the time allowed what the line does is the deciders' question, under the rule set of its date.
 */
export type ImportTimePolicy = DatedRules & {
  source: string;
  /** Clocks of the old system drift as workstations do: up to this many seconds ahead of the server is taken as now. */
  futureSkewSeconds: number;
};

export const importTimePolicies: readonly ImportTimePolicy[] = [
  {
    id: 'import-2026',
    province: null,
    effectiveFrom: '2022-01-01',
    source:
      "the agencies' own policy (no statute sets it), as the late-entry policy (late-entry.ts): records of older systems and past years keep their original dates, marked by their provenance, never flagged as late entries",
    futureSkewSeconds: 120,
  },
];

/** The business time of an imported line recorded at `recordedAt`, or OCCURRED_AT_IN_FUTURE naming occurredAt. */
export const importedBusinessTimeOf = (
  occurredAt: string,
  recordedAt: string,
  policies: readonly ImportTimePolicy[] = importTimePolicies,
): BusinessTime => {
  const policy = chooseDated(policies, null, recordedAt);
  if (!policy) throw refuse('NO_LATE_ENTRY_POLICY', `no import policy was in force on ${recordedAt}`, 'occurredAt');
  if (toMs(occurredAt) - toMs(recordedAt) > policy.futureSkewSeconds * 1000)
    throw refuse('OCCURRED_AT_IN_FUTURE', `occurredAt ${occurredAt} is later than the time of recording (${recordedAt})`, 'occurredAt');
  return { occurredAt, lateEntry: null };
};
