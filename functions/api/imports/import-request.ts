import * as z from 'zod';
import { importBatchPattern, importSystemPattern } from '../../lib/import/import-line.ts';

/**
 * At most this many lines per request. API Gateway ends an integration after 29 s and the command
 * Lambda after 10 s (infra/definitions/functions.ts), whatever the lines: 100 lines stay within 10 s
 * even when every one waits on the same notice counter or fund (run in file order, about 40 ms a
 * transaction in AWS), and 100 lines of a few KB each stay far below Lambda's 6 MB payload limit. A
 * larger file goes through `npm run import`, or in several requests (docs/import.md).
 */
export const MAX_IMPORT_LINES = 100;
/** The body limit of this route: 100 lines of up to 10 KB each. */
export const MAX_IMPORT_BODY_BYTES = 1024 * 1024;

/** POST /imports: a batch of import lines (docs/import.md), each with its line number; each line itself is checked as the import checks it. */
export const importRequestSchema = z.strictObject({
  system: z.string().regex(importSystemPattern).describe('The old system the records come from; ids derive from it'),
  batch: z.string().regex(importBatchPattern).describe("The batch, recorded in every event's provenance"),
  lines: z
    .array(
      z
        .looseObject({ line: z.int().min(1).describe('The line number in the file, recorded in the provenance') })
        .describe('An import line: record, command, occurredAt, actor, data, and noticeNumber, step (docs/import.md)'),
    )
    .min(1)
    .max(MAX_IMPORT_LINES),
});
