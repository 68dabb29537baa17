import { refuse } from '../../error-codes.ts';
import type { CaseState, ReviewState } from '../state.ts';

/** Review steps apply to an application whose review is still open. */
export const requireApplicationUnderReview = (state: CaseState): ReviewState => {
  if (!state.review) throw refuse('NOT_AN_APPLICATION', 'a notified defence has no review: no application and no means test');
  if (state.review.decision !== 'pending') throw refuse('REVIEW_ALREADY_DECIDED', `the application was ${state.review.decision}`);
  return state.review;
};
