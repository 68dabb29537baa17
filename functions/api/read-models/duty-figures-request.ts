import * as z from 'zod';

// The query of GET /duty-stations/{id}/figures, for the route table and the handler. No AWS imports: CDK reads routes.

export const dutyFiguresQuery = z.strictObject({
  month: z
    .string()
    .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM, from 2000 to 2100')
    .describe('The China calendar month'),
});
