import * as z from 'zod';

// Query parameters of the audit routes: validated by the handlers and described by the OpenAPI
// document (functions/api/routes.ts). No AWS imports: the route table is read by CDK as well.

export const MAX_HISTORY_PAGE = 200;

const intParam = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'a whole number')
    .transform(Number)
    .pipe(z.int().min(min).max(max));

// In a query string `+` often arrives as a space (form encoding): "…T09:00:00 08:00" means +08:00.
const isoParam = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/ (\d{2}:?\d{2})$/, '+$1') : v),
  z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset, such as 2026-03-02T09:00:00Z' }),
);

export const historyQuery = z.strictObject({
  limit: intParam(1, MAX_HISTORY_PAGE).optional().describe(`Events per page, 1 to ${MAX_HISTORY_PAGE} (default 50)`),
  cursor: z.string().min(1).max(500).optional().describe('The nextCursor of the previous page'),
});

/** `GET /cases/{id}`: with one of these, the case as folded from the event store at that moment. */
export const caseMomentQuery = z
  .strictObject({
    asOf: isoParam.optional().describe('The case as it stood at this time, on the recordedAt axis (when the store wrote each event)'),
    version: intParam(1).optional().describe('The case as it stood after this version'),
  })
  .refine((q) => q.asOf === undefined || q.version === undefined, { message: 'give asOf or version, not both', path: ['asOf'] });

export const diffQuery = z
  .strictObject({
    from: intParam(0).describe('The earlier version (0: before the first event)'),
    to: intParam(1).describe('The later version'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const exportQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json').describe('json (envelopes and head) or csv (one row per event, UTF-8 with BOM)'),
});
