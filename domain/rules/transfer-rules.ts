// The rules of handing a case to another agency, as data with their sources. The Legal Aid Law
// (2021) has no article on transferring a case already received: Art 38 covers only an application
// received by an agency not competent for it (the applicant is told which agency is). Each entry
// says which source it rests on, and `binding: false` where the law is silent and the choice is ours.

import type { TransferGround } from '../../events/catalogue/transferring-events.ts';

export type TransferRule = {
  /** The legal basis cited on the transfer's record. */
  legalBasis: string;
  source: string;
  /** Whether `source` was checked to be a law or regulation binding the agency. */
  binding: boolean;
};

export const transferGroundRules: Readonly<Record<TransferGround, TransferRule>> = {
  'not-competent': {
    legalBasis: 'Art 38',
    source: 'Legal Aid Law 2021 Art 38 (the agency of the place of the handling authority or of the matter is competent)',
    binding: true,
  },
  'person-moved': {
    legalBasis: 'Art 38 (by analogy)',
    source:
      'No article: the law places competence at the handling authority or the matter, not the residence; a move that takes the matter to another area is treated as Art 38',
    binding: false,
  },
  'conflict-of-interest': {
    legalBasis: 'Lawyers Law Art 39 (by analogy)',
    source:
      'No article of the Legal Aid Law: an agency whose staff or stationed lawyers are on the other side passes the case on, as a lawyer may not act for both sides (Lawyers Law Art 39)',
    binding: false,
  },
};

/**
 * Deadlines across a transfer. The law is silent; we choose that the Art 43 review and the Art 36/43
 * assignment periods keep running from the first receipt (they do not restart at the receiver):
 * the applicant must not lose days to a hand-over between agencies (seed 002 criticises cases
 * "简单一推了事"), and a restart would let an agency reset a missed deadline by passing the case on.
 */
export const transferDeadlineRule = {
  deadlines: 'continue' as const,
  source: 'No article: Legal Aid Law 2021 Art 36, 43 set periods from receipt or grant and say nothing of transfers',
  binding: false,
};
