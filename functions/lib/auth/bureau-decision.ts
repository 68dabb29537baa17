import type { CaseState } from '../../../domain/case/state.ts';
import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';

/**
 * The case commands only the justice bureau over the case's agency takes: deciding an objection
 * (Art 49) and finding aid obtained by deception (Art 64). Reading the case is wider (every
 * bureau above the agency, its auditors too); deciding is the one bureau the registry puts over
 * the agency on the day, never one the request names, and never the agency itself.
 */
export const bureauDecisions: ReadonlySet<string> = new Set(['DecideObjection', 'RecordDeceptionFinding']);

export const assertBureauOverCase = (p: Admitted, s: CaseState) => {
  const bureau = s.agencyId === null ? null : p.registry.bureauOver(s.agencyId, p.today);
  if (p.role !== 'administrator' || bureau === null || bureau !== p.organisation)
    throw new HttpError(
      403,
      'NOT_THE_BUREAU_OVER_THE_AGENCY',
      `only the justice bureau over ${s.agencyId ?? "the case's agency"} (${bureau ?? 'none on the registry'}) decides this; ${p.organisation} is not it`,
    );
};
