import { ruleSetOfCase } from '../../../domain/case/context.ts';
import { dueDates } from '../../../domain/case/due-dates.ts';
import { transfersOf, type CaseState } from '../../../domain/case/state.ts';

/**
 * A case as a workstation sees it: where it stands, who has it, and every deadline with whether it
 * is overdue as of `now`. Due dates are computed at read time from the stored state, so "overdue"
 * is never stale.
 */
export const caseView = (state: CaseState, version: number, now: string) => {
  const deadlines = state.province && state.receivedAt ? dueDates(state, ruleSetOfCase(state, {}), now) : [];
  return {
    caseId: state.caseId,
    version,
    status: state.status,
    agencyId: state.agencyId,
    province: state.province,
    origin: state.origin,
    category: state.category,
    formOfAid: state.formOfAid,
    receivedAt: state.receivedAt,
    review: state.review,
    provisionalAid: state.provisionalAid,
    assignment: state.assignment,
    complaints: state.complaints,
    objections: state.objections,
    handling: state.handling,
    closing: state.closing,
    termination: state.termination,
    deception: state.deception,
    archivedAt: state.archivedAt,
    /** Every hand-over asked for, with its answer (docs/transfers.md). */
    transfers: transfersOf(state),
    /** Art 36: what the notifying authority was told of the assigned lawyer, and when it acknowledged it. */
    authorityNotice: state.authorityNotice ?? null,
    deadlines,
    overdue: deadlines.filter((d) => d.overdue).map((d) => d.kind),
  };
};

/**
 * The one body of `GET /cases/{id}`, whatever answers it (the read model, the event store while the
 * read model is behind, a past version or moment): the view, with when its last event was recorded.
 */
export const caseAnswer = (state: CaseState, version: number, updatedAt: string, now: string) => ({
  ...caseView(state, version, now),
  updatedAt,
});
