// Reads an error answer's fields the same way whatever the wire shape: tests assert on code, reason,
// field and rule through this, so a change of the error format (issue 21: RFC 9457 problem details)
// is made here once, not at a hundred call sites.
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
  const error = (body as { error?: Problem } | null)?.error;
  if (!error || typeof error.code !== 'string') throw new Error(`not an error answer: ${JSON.stringify(body)?.slice(0, 300)}`);
  return error;
};
