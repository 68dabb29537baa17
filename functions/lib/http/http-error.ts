/** An answer other than success, with a stable code, the reason, and the field it is about. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly details: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    reason: string,
    { field = null, details = {} }: { field?: string | null; details?: Record<string, unknown> } = {},
  ) {
    super(reason);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}
