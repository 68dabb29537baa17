/**
 * A command the case's state or the law forbids. `code` is stable and machine-readable; `rule`
 * names the article or rule it breaks, so a refusal can always say why.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly rule: string | null;
  readonly field: string | null;
  constructor(code: string, reason: string, { rule = null, field = null }: { rule?: string | null; field?: string | null } = {}) {
    super(reason);
    this.name = 'DomainError';
    this.code = code;
    this.rule = rule;
    this.field = field;
  }
}
