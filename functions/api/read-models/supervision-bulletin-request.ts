import * as z from 'zod';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { monthParam } from './requests.ts';

// The query of GET /supervision-bulletins, for the route table and the handler. No AWS imports: CDK reads routes.

export const supervisionBulletinQuery = z.strictObject({
  organisationId: organisationIdSchema.describe(
    'An agency, or a justice bureau or department: its agencies rolled up as reports roll them',
  ),
  month: monthParam.describe('The China calendar month of the bulletin (案件监督实行月通报制度)'),
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('json, or csv (one row per listed item, then totals; UTF-8 with BOM); Accept: text/csv does the same'),
});
