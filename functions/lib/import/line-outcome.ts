// What became of one line of an import (docs/import.md "Outcomes"): stored, found stored already
// by an earlier run, refused with its reason, or not run because an earlier line of its record was refused.

export type LineOutcome =
  | { line: number; record: string; status: 'accepted' | 'replayed'; stream: string; version: number }
  | { line: number; record: string | null; status: 'rejected'; code: string; field: string | null; reason: string }
  | { line: number; record: string; status: 'skipped'; reason: string };

export type ImportSummary = { lines: number; accepted: number; replayed: number; rejected: number; skipped: number };

export const summaryOf = (outcomes: readonly LineOutcome[]): ImportSummary => {
  const count = (s: LineOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return {
    lines: outcomes.length,
    accepted: count('accepted'),
    replayed: count('replayed'),
    rejected: count('rejected'),
    skipped: count('skipped'),
  };
};

export const rejected = (line: number, record: string | null, code: string, field: string | null, reason: string): LineOutcome => ({
  line,
  record,
  status: 'rejected',
  code,
  field,
  reason,
});
