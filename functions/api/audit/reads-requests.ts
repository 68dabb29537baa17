import * as z from 'zod';

// Query parameters of `GET /audit/reads`: validated by the gate and described by the OpenAPI document.
// No AWS imports: the route table is read by CDK as well.

export const MAX_READS_PAGE = 200;

const id = z.string().min(1).max(200);

/** The kinds of record whose reads are asked by record: each has its own scope (reads-scope.ts). */
export const RECORD_OF_READS = /^(case|consultation|duty|worker)#([A-Za-z0-9._:-]{1,100})$/;

export const readsQuery = z
  .strictObject({
    record: id
      .regex(RECORD_OF_READS, 'case#<id>, consultation#<id>, duty#<id> or worker#<id>')
      .optional()
      .describe('Who read this record, named as the event store names it: case#<id>, consultation#<id>, duty#<id>, worker#<id>'),
    reader: id.optional().describe('What this principal (the token `sub`) read'),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'a whole number')
      .transform(Number)
      .pipe(z.int().min(1).max(MAX_READS_PAGE))
      .optional()
      .describe(`Reads per page, 1 to ${MAX_READS_PAGE} (default 50)`),
    cursor: z.string().min(1).max(2000).optional().describe('The nextCursor of the previous page (opaque)'),
  })
  .refine((q) => (q.record === undefined) !== (q.reader === undefined), {
    message: 'give record or reader, exactly one',
    path: ['record'],
  });
