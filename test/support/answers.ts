import { expect } from 'vitest';
import type { ApiResponse } from './local-stack.ts';
import { problemOf } from './problem.ts';

// The two checks every e2e file makes of an answer: it succeeded with the status expected (the
// body shown when not), or it was refused with that status and problem code.

export const ok = <T extends ApiResponse>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};

export const refused = (r: ApiResponse, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(problemOf(r.body).code).toBe(code);
};
