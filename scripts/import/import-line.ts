import * as z from 'zod';
import { isoTimeSchema, organisationIdSchema } from '../../events/catalogue/vocabulary.ts';
import { commandTable } from '../../functions/api/commands/command-table.ts';
import { roles } from '../../functions/lib/auth/roles.ts';

// One line of an import file: the envelope around a command's body (docs/import.md). The reader
// checks the envelope; the engine checks `data` against the command's own body, since only it knows
// which command and which version of the body apply.

const commandsByName = new Map(commandTable.map((spec) => [spec.command, spec]));

/** Only an assignment carries a notice number: the one printed on the original notice. */
const numberedCommands = new Set(['AssignAidWorker', 'ReplaceAidWorker']);

export const importLineSchema = z
  .strictObject({
    record: z.string().min(1).max(120),
    command: z.string().refine((name) => commandsByName.has(name), 'a command of the API (functions/api/commands/command-table.ts)'),
    occurredAt: isoTimeSchema,
    actor: z.strictObject({
      role: z.enum(roles),
      id: z.string().min(1).max(200),
      organisation: organisationIdSchema,
    }),
    /** A command whose route takes no body may leave it out. */
    data: z.record(z.string(), z.unknown()).default({}),
    noticeNumber: z.string().min(1).max(100).optional(),
    /** An old system's step ids are often numbers. */
    step: z.union([z.string().min(1).max(120), z.int().min(0)]).optional(),
  })
  .superRefine((line, ctx) => {
    const spec = commandsByName.get(line.command);
    if (spec && !spec.roles.includes(line.actor.role))
      ctx.addIssue({ code: 'custom', path: ['actor', 'role'], message: `${line.command} is issued by ${spec.roles.join(' or ')}` });
    if (line.noticeNumber !== undefined && !numberedCommands.has(line.command))
      ctx.addIssue({ code: 'custom', path: ['noticeNumber'], message: 'only AssignAidWorker and ReplaceAidWorker carry a notice number' });
  });

export type ImportLine = z.infer<typeof importLineSchema>;

/** A line as read: its number in the file, and the line or the first thing wrong with it. */
export type ReadLine = { line: number; ok: true; value: ImportLine } | { line: number; ok: false; field: string; reason: string };

/** The envelope checked: the line, or its first problem as field (a dotted path, `line` for the whole) and reason. */
export const checkImportLine = (line: number, value: unknown): ReadLine => {
  const parsed = importLineSchema.safeParse(value);
  if (parsed.success) return { line, ok: true, value: parsed.data };
  const [first, ...rest] = parsed.error.issues;
  const field = first && first.path.length > 0 ? first.path.join('.') : 'line';
  const more = rest.length > 0 ? ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})` : '';
  return { line, ok: false, field, reason: `${first?.message ?? 'not an import line'}${more}` };
};
