import { domainErrorCodes, type DomainErrorCode } from '../../../domain/error-codes.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';

// Art 49 and Art 64 give objections and deception findings to the justice bureau that set up the
// agency (Art 12): the registry's `bureauOver` the case's agency on the day. Not any administrator,
// not the agency itself, not a bureau named in the request, and not the city bureau above the
// county bureau that set the agency up: the law names the one that set it up, and only that one.

/** The commands only the bureau over the case's agency issues, with what the refusal says it may not do. */
const powers: Readonly<Record<string, string>> = {
  LodgeObjection: 'records objections (Art 49)',
  DecideObjection: 'decides objections (Art 49)',
  RecordDeceptionFinding: 'finds deception and fines (Art 64)',
};

/** Commands that name the bureau in their data: the command path fills it from the registry. */
const namingTheBureau = new Set(['LodgeObjection', 'TransmitObjection', 'RecordDeceptionFinding']);

const refusal = (status: number, code: DomainErrorCode, reason: string, field?: string) =>
  new HttpError(status, code, reason, { ...(field ? { field } : {}), details: { rule: domainErrorCodes[code].rule } });

/** The bureau over `agencyId` on the caller's day, or a 409 when the registry holds none. */
const bureauOverAgency = (p: Admitted, agencyId: string): string => {
  const bureau = p.registry.bureauOver(agencyId, p.today);
  if (!bureau) throw refusal(409, 'NO_BUREAU_OVER_AGENCY', `the registry holds no justice bureau over ${agencyId} on ${p.today}`);
  return bureau;
};

/** 403 unless the caller's organisation is the bureau over `agencyId` (the record's agency) on its day. */
export const assertBureauOverAgency = (p: Admitted, agencyId: string, what: string): void => {
  const bureau = bureauOverAgency(p, agencyId);
  if (p.registry.resolve(p.organisation, p.today) !== bureau)
    throw refusal(403, 'NOT_THE_BUREAU_OVER_AGENCY', `only ${bureau}, the justice bureau over ${agencyId}, ${what}; not ${p.organisation}`);
};

/** Whether the case command is one only the bureau over the case's agency may issue. */
export const isBureauPower = (command: string): boolean => command in powers;

/**
 * For a bureau power, the check on the case as it stands: 403 unless the caller's organisation is
 * the bureau over the case's agency; then a body naming another bureau is a 422 on that field.
 */
export const assertBureauOverCase = (p: Admitted, command: string, body: Record<string, unknown>, state: CaseState): void => {
  const bureau = bureauOverAgency(p, state.agencyId!);
  if (p.registry.resolve(p.organisation, p.today) !== bureau)
    throw refusal(
      403,
      'NOT_THE_BUREAU_OVER_AGENCY',
      `only ${bureau}, the justice bureau over ${state.agencyId}, ${powers[command] ?? 'acts here'}; not ${p.organisation}`,
    );
  if (body.justiceBureauId !== undefined && body.justiceBureauId !== bureau)
    throw refusal(
      422,
      'BUREAU_MISMATCH',
      `justiceBureauId must be ${bureau}, the justice bureau over ${state.agencyId}, or left out`,
      'justiceBureauId',
    );
};

/**
 * The command's data with the bureau filled in: for a bureau power the caller itself (which
 * `assertBureauOverCase` holds to the case), for a transmission the bureau over the caller's agency
 * (the agency's own case, by its scope).
 */
export const withBureau = (p: Admitted, command: string, body: Record<string, unknown>): Record<string, unknown> => {
  if (!namingTheBureau.has(command)) return body;
  return {
    ...body,
    justiceBureauId: isBureauPower(command) ? p.registry.resolve(p.organisation, p.today) : bureauOverAgency(p, p.organisation),
  };
};
