import type { ImportLine } from './import-line.ts';

/**
 * The streams that lines of different records share, named as the scheduler's keys: lines with the
 * same key run one after another in file order, like a record's own lines. A notice number taken from
 * the agency's counter, and a fund's allocations, commitments and payments, then come out the same on
 * every run: a clean run and a crashed run finished by a re-run store the same numbers and the same
 * fund streams, not an order left to the race of the moment.
 */
export const sharedKeysOf = (line: ImportLine): string[] => {
  const { command, actor, occurredAt, noticeNumber } = line;
  if (command === 'AssignAidWorker' || command === 'ReplaceAidWorker')
    // A printed number goes on the agency's legacy index of its year (one stream per agency and year).
    return [`#notice-${noticeNumber === undefined ? 'counter' : 'legacy-index'}:${actor.organisation}:${occurredAt.slice(0, 4)}`];
  if (command === 'AllocateFund' || command === 'ApproveSubsidy' || command === 'PaySubsidy') return [`#funds:${actor.organisation}`];
  return [];
};
