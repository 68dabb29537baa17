// Reads an error answer (RFC 9457 problem details, functions/lib/http/problem.ts) the same way in
// every test: code, reason (the problem's `detail`), field, rule, issues. Tests assert on this, so
// a change of the error format is made here once, not at a hundred call sites.
export type Problem = {
  code: string;
  reason: string;
  field?: string;
  rule?: string;
  issues?: { field: string; reason: string }[];
  currentVersion?: number;
  [k: string]: unknown;
};

export const problemOf = (body: unknown): Problem => {
  const problem = body as { code?: unknown; detail?: unknown; type?: unknown; status?: unknown } | null;
  if (!problem || typeof problem.code !== 'string' || typeof problem.detail !== 'string' || typeof problem.type !== 'string')
    throw new Error(`not a problem-details answer: ${JSON.stringify(body)?.slice(0, 300)}`);
  return { ...(problem as Record<string, unknown>), code: problem.code, reason: problem.detail };
};

/** An answer with its body read as a problem, for `toMatchObject({ status, body: { code, … } })`. */
export const withProblem = <R extends { body: unknown }>(answer: R): Omit<R, 'body'> & { body: Problem } => ({
  ...answer,
  body: problemOf(answer.body),
});
