import * as z from 'zod';
import { fact } from '../../events/personal/marks.ts';
import { erasureBasisSchema, erasureRecordKindSchema } from '../../events/catalogue/privacy-events.ts';

/**
 * Erasing a record's personal data (PIPL Art 47). Role: an administrator of the justice bureau over the
 * record's agency, who is the approver. The reason is stored as a fact beside the erasure: it says why
 * (the rule, the request), never who the person is.
 */
export const erasureCommandSchemas = {
  ErasePersonalData: z.strictObject({
    recordKind: erasureRecordKindSchema,
    recordId: fact(z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'a record id'), 'the id of the record to erase'),
    legalBasis: erasureBasisSchema,
    reason: fact(z.string().trim().min(1).max(1000), 'why the record is erased, written not to name the person'),
  }),
};
