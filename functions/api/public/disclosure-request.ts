import * as z from 'zod';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { monthParam, yearParam } from '../read-models/requests.ts';

/** GET /public/statistics: one province, one calendar year or month. */
export const disclosureQuery = z
  .strictObject({
    provinceId: organisationIdSchema.describe('The provincial justice department (justice-department:zj): its agencies and cities'),
    year: yearParam.optional().describe('A China calendar year'),
    month: monthParam.optional().describe('A China calendar month, YYYY-MM (instead of year)'),
  })
  .refine((q) => (q.year === undefined) !== (q.month === undefined), { message: 'name year or month, not both', path: ['year'] });
