import { STATUS_CODES } from 'node:http';
import * as z from 'zod';

// RFC 9457 problem details: every error answer of this API, whatever refused the request (the route
// gate, a schema, a handler, the domain, the store). `type` is a URN per code, not a URL: the codes
// are documented in this repository (README "Errors", domain/error-codes.ts), not at an address the
// API would have to keep serving; RFC 9457 §3.1.1 allows a type URI that is not resolvable.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const URN_PREFIX = 'urn:legal-aid:problem:';

/** The problem type of a code: `BODY_TOO_LARGE` → `urn:legal-aid:problem:body-too-large`. */
export const problemTypeOf = (code: string): string => URN_PREFIX + code.toLowerCase().replaceAll('_', '-');

const issueSchema = z.object({
  field: z.string().describe('The request field (dotted path), query parameter or header at fault'),
  reason: z.string(),
});

export const problemSchema = z
  .looseObject({
    type: z.string().describe(`A URN per code: ${URN_PREFIX}<code in kebab case>`),
    title: z.string().describe("What the code means (a domain refusal's meaning), else the HTTP status phrase"),
    status: z.int().min(400).max(599),
    detail: z.string().describe('Why this request was refused'),
    instance: z.string().describe('The request path the problem occurred on'),
    code: z.string().describe('Stable machine-readable code (upper snake case)'),
    field: z.string().optional().describe('The request field (dotted path), query parameter or header at fault'),
    rule: z.string().optional().describe('The article or rule a refused command breaks'),
    issues: z.array(issueSchema).optional().describe('Every schema issue of the request, not only the first'),
    currentVersion: z.int().optional().describe('On a version conflict: the case version now'),
    expectedVersion: z.int().optional().describe('On a version conflict: the version the request expected'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, with this API’s extension members' });

export type Problem = z.infer<typeof problemSchema>;

/** What an error says before it is put in a request's context: the members a problem carries besides type, title, status, instance. */
export type ProblemFacts = { code: string; detail: string; title?: string; field?: string; rule?: string; [k: string]: unknown };

export const problemOf = (status: number, facts: ProblemFacts, instance: string): Problem => {
  const { code, detail, title, ...extensions } = facts;
  return {
    type: problemTypeOf(code),
    title: title ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    ...extensions,
  };
};
