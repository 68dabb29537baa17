import * as z from 'zod';
import { isoTimeSchema, organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { roles } from '../auth/roles.ts';

// One line of an import file (docs/import.md): one command of the API's command table, as it
// happened in an older system, for one of that system's records. The one schema of a line: POST
// /imports parses with it, and the file reader (scripts/import/import-line.ts) builds on it with the
// checks that need the command table, which functions/lib may not read.

export const importLineSchema = z.strictObject({
  /** The old system's id of the record the line acts on; its lines apply in file order. */
  record: z.string().min(1).max(120),
  /** A command of the command table (functions/api/commands/command-table.ts). */
  command: z.string().min(1).max(100),
  /** When it happened: the command's business time. */
  occurredAt: isoTimeSchema,
  /** Who did it then: admitted against the registry on the business date. */
  actor: z.strictObject({
    role: z.enum(roles),
    id: z.string().min(1).max(200),
    organisation: organisationIdSchema,
  }),
  /** The body the command's route takes; `@record:<ref>` names another record of the same system. */
  data: z.record(z.string(), z.unknown()).default({}),
  /** AssignAidWorker / ReplaceAidWorker: the notice number as the old system printed it. */
  noticeNumber: z.string().min(1).max(80).optional(),
  /** The old system's id of this step; by default the line's ordinal among its record's lines. */
  step: z.union([z.string().min(1).max(120), z.int().min(0)]).optional(),
});
export type ImportLine = z.infer<typeof importLineSchema>;

/** A line as the engine runs it: where it stood in the file, and its step (given, or its ordinal in its record). */
export type NumberedLine = { line: number; step: string; value: ImportLine };

/** What a batch is: which old system, which batch, who runs it. */
export type ImportBatch = { system: string; batch: string; importedBy: string };

export const importSystemPattern = /^[A-Za-z0-9._-]{1,60}$/;
export const importBatchPattern = /^[A-Za-z0-9._:-]{1,120}$/;
