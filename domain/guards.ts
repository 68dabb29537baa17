import { refuse, type DomainErrorCode } from './error-codes.ts';
import { isAfter } from './time/calendar.ts';

// Checks every decider makes on the times and texts in a command's data.

export const notInFuture = (at: string, now: string, field: string): void => {
  if (isAfter(at, now)) throw refuse('TIME_IN_FUTURE', `${field} ${at} is later than now (${now})`, field);
};

export const notBefore = (at: string, earliest: string, field: string, what: string): void => {
  if (isAfter(earliest, at)) throw refuse('TIME_OUT_OF_ORDER', `${field} ${at} is before ${what} (${earliest})`, field);
};

/** Whitespace is not a reason: the schema counts characters, the law wants something said. */
export const requireText = (text: string | null | undefined, code: DomainErrorCode, field: string, what: string): string => {
  const trimmed = text?.trim() ?? '';
  if (!trimmed) throw refuse(code, `${what} is required`, field);
  return trimmed;
};

export const isWholeFen = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
