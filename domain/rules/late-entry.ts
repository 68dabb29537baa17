import type { DatedRules } from './choose-dated.ts';

/**
 * How late a record may be entered after it happened, and how far ahead of the recording clock a
 * business time may lie. No statute sets a window for entering paper records (the 2021 law and the
 * 2023 procedure rules only require that every step is recorded): it is the agencies' own policy,
 * kept as dated data like the rule sets, chosen by the day of recording (the act it governs).
 */
export type LateEntryPolicy = DatedRules & {
  source: string;
  /** A record may be entered at most this many China calendar days after the day it happened. */
  lateEntryDays: number;
  /**
   * Up to this many minutes between happening and recording is ordinary entry, not a late one: a
   * window clerk types a receipt some minutes after the paper arrived. Beyond it, the entry is late.
   */
  toleranceMinutes: number;
  /** Workstation clocks drift: a business time up to this many seconds ahead of the server is taken as now. */
  futureSkewSeconds: number;
};

export const lateEntryPolicies: readonly LateEntryPolicy[] = [
  {
    id: 'late-entry-2022',
    province: null,
    effectiveFrom: '2022-01-01',
    source:
      "the agencies' own policy (no statute sets it): paper records of the past year (township ledgers, records kept during an outage) may be entered with a reason and are flagged to supervisors; older records come in through the import",
    lateEntryDays: 366,
    toleranceMinutes: 60,
    futureSkewSeconds: 120,
  },
];
