import * as z from 'zod';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';

// Query of GET /notice-register. No AWS imports: CDK reads routes.

export const MAX_REGISTER_PAGE = 1000;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number')
    .transform(Number)
    .pipe(z.int().min(min).max(max));

export const noticeRegisterQuery = z.strictObject({
  agencyId: organisationIdSchema.describe('The agency whose register to read'),
  // The counter's years: from 2003 (the regulation's first year), as the stub event says.
  year: wholeNumber(2003, 9999).describe('The China calendar year the notices were numbered in'),
  after: wholeNumber(0, 999_999_999).optional().describe('The nextAfter of the previous page: the last number it held (default 0)'),
  legacyAfter: wholeNumber(0, 999_999_999)
    .optional()
    .describe("The legacy section's nextAfter of the previous page: the imported numbers are paged on their own (default 0)"),
  limit: wholeNumber(1, MAX_REGISTER_PAGE)
    .optional()
    .describe(`Notices per page, 1 to ${MAX_REGISTER_PAGE} (default 500; a county agency numbers about 1,200 a year)`),
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('json, or csv (one row per notice, then one per gap, then one per imported number; UTF-8 with BOM)'),
});
export type NoticeRegisterQuery = z.infer<typeof noticeRegisterQuery>;
