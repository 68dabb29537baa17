// Error answers as typed exceptions. Three shapes reach a client: RFC 9457 problem details
// (application/problem+json: type, title, status, detail, instance, with code, field, rule, issues
// as extension members), this API's older `{"error": {code, reason, field, issues, rule}}`, and API
// Gateway's own `{"message": "Unauthorized"}`. All three become one ApiProblem.

export type ProblemIssue = { field: string; reason: string };

export type ProblemFields = {
  status: number;
  code: string;
  detail: string;
  field?: string | undefined;
  rule?: string | undefined;
  issues?: ProblemIssue[] | undefined;
  type?: string | undefined;
  title?: string | undefined;
  instance?: string | undefined;
};

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  /** Why the request was refused (problem details' `detail`, the older format's `reason`). */
  readonly detail: string;
  readonly field: string | undefined;
  readonly rule: string | undefined;
  readonly issues: ProblemIssue[] | undefined;
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly instance: string | undefined;
  /** The answer's body as it came. */
  readonly body: unknown;

  constructor(fields: ProblemFields, body: unknown) {
    super(`${fields.status} ${fields.code}: ${fields.detail}`);
    this.name = 'ApiProblem';
    this.status = fields.status;
    this.code = fields.code;
    this.detail = fields.detail;
    this.field = fields.field;
    this.rule = fields.rule;
    this.issues = fields.issues;
    this.type = fields.type;
    this.title = fields.title;
    this.instance = fields.instance;
    this.body = body;
  }

  /** The older format's name for `detail`. */
  get reason(): string {
    return this.detail;
  }
}

/** Someone else changed the record since the version sent in If-Match: read it again, decide again. */
export class VersionConflict extends ApiProblem {
  /** The record's version now, when the answer says. */
  readonly currentVersion: number | undefined;
  readonly expectedVersion: number | undefined;

  constructor(fields: ProblemFields, body: unknown, versions: { currentVersion?: number; expectedVersion?: number }) {
    super(fields, body);
    this.name = 'VersionConflict';
    this.currentVersion = versions.currentVersion;
    this.expectedVersion = versions.expectedVersion;
  }
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const issuesOf = (v: unknown): ProblemIssue[] | undefined =>
  Array.isArray(v)
    ? v.filter(isObject).map((i) => ({ field: str(i.field) ?? '', reason: str(i.reason) ?? str(i.detail) ?? '' }))
    : undefined;

/** The members of an error answer, whichever of the three shapes it has. */
const membersOf = (status: number, body: unknown): { fields: ProblemFields; extra: Loose } => {
  // The older shape: everything under `error`, `reason` for the detail.
  if (isObject(body) && isObject(body.error) && typeof body.error.code === 'string') {
    const e = body.error;
    return {
      fields: {
        status,
        code: e.code as string,
        detail: str(e.reason) ?? str(e.detail) ?? '',
        field: str(e.field),
        rule: str(e.rule),
        issues: issuesOf(e.issues),
      },
      extra: e,
    };
  }
  // RFC 9457 problem details, with this API's extension members.
  if (isObject(body) && (typeof body.code === 'string' || typeof body.type === 'string')) {
    return {
      fields: {
        status: int(body.status) ?? status,
        code: str(body.code) ?? str(body.type)!,
        detail: str(body.detail) ?? str(body.title) ?? '',
        field: str(body.field),
        rule: str(body.rule),
        issues: issuesOf(body.issues),
        type: str(body.type),
        title: str(body.title),
        instance: str(body.instance),
      },
      extra: body,
    };
  }
  // API Gateway's own answer (no valid token, no such route, a payload over its limit).
  if (isObject(body) && typeof body.message === 'string') {
    return { fields: { status, code: status === 401 ? 'UNAUTHORIZED' : `HTTP_${status}`, detail: body.message }, extra: {} };
  }
  return { fields: { status, code: `HTTP_${status}`, detail: typeof body === 'string' ? body.slice(0, 500) : '' }, extra: {} };
};

/**
 * The exception an error answer becomes: a VersionConflict for a stale If-Match (412
 * PRECONDITION_FAILED) or a write that kept losing races (409 VERSION_CONFLICT), else an ApiProblem.
 */
export const problemFrom = (status: number, body: unknown): ApiProblem => {
  const { fields, extra } = membersOf(status, body);
  const currentVersion = int(extra.currentVersion);
  const expectedVersion = int(extra.expectedVersion);
  if (status === 412 || fields.code === 'VERSION_CONFLICT' || (status === 409 && currentVersion !== undefined)) {
    return new VersionConflict(fields, body, {
      ...(currentVersion !== undefined ? { currentVersion } : {}),
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
  }
  return new ApiProblem(fields, body);
};
