import * as z from 'zod';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { MAX_PAGE } from '../read-models/requests.ts';

// Query parameters of GET /personal-data/erasures/due. No AWS imports: CDK reads routes.

export const erasureDueQuery = z.strictObject({
  agencyId: organisationIdSchema.describe('The agency whose records are listed (under the caller’s bureau)'),
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number')
    .transform(Number)
    .pipe(z.int().min(1).max(MAX_PAGE))
    .optional()
    .describe(`Items per page, 1 to ${MAX_PAGE} (default 50)`),
  cursor: z.string().min(1).max(2000).optional().describe('The nextCursor of the previous page (opaque)'),
});
