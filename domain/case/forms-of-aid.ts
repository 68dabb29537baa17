import type { Category, FormOfAid } from '../../events/catalogue/vocabulary.ts';
import { refuse } from '../error-codes.ts';

// Art 22: which forms of aid a case of each category can take. Consultation goes to the ledger and
// duty-lawyer help to the duty records, never to a case.
const formsByCategory: Readonly<Record<Category, readonly FormOfAid[]>> = {
  criminal: ['criminal-defence', 'criminal-representation', 'document-drafting'],
  civil: ['litigation-representation', 'document-drafting'],
  administrative: ['litigation-representation', 'document-drafting'],
  'state-compensation': ['litigation-representation', 'non-litigation-representation', 'document-drafting'],
  labour: ['labour-mediation-arbitration', 'litigation-representation', 'document-drafting'],
  'non-litigation': ['non-litigation-representation', 'document-drafting'],
};

export const checkFormOfAid = (category: Category, formOfAid: FormOfAid): void => {
  if (!formsByCategory[category].includes(formOfAid)) {
    throw refuse('FORM_OF_AID_MISMATCH', `a ${category} case is not given as ${formOfAid}`, 'formOfAid');
  }
};
