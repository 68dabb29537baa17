import { commandTable } from '../../functions/api/commands/command-table.ts';
import { importLineSchema as baseLineSchema, type ImportLine } from '../../functions/lib/import/import-line.ts';

// One line of an import file: the envelope around a command's body (docs/import.md). The reader
// checks the envelope; the engine checks `data` against the command's own body, since only it knows
// which command and which version of the body apply.

const commandsByName = new Map(commandTable.map((spec) => [spec.command, spec]));

/** Only an assignment carries a notice number: the one printed on the original notice. */
const numberedCommands = new Set(['AssignAidWorker', 'ReplaceAidWorker']);

/**
 * The engine's line schema (functions/lib/import/import-line.ts) and what only the command table
 * can tell: the command exists, the actor's role issues it, only an assignment carries a notice number.
 * The engine checks these again as it runs a line; checked here, a file's mistakes show at read time.
 */
export const importLineSchema = baseLineSchema.superRefine((line, ctx) => {
  const spec = commandsByName.get(line.command);
  if (!spec) ctx.addIssue({ code: 'custom', path: ['command'], message: 'a command of the API (functions/api/commands/command-table.ts)' });
  else if (!spec.roles.includes(line.actor.role))
    ctx.addIssue({ code: 'custom', path: ['actor', 'role'], message: `${line.command} is issued by ${spec.roles.join(' or ')}` });
  if (line.noticeNumber !== undefined && !numberedCommands.has(line.command))
    ctx.addIssue({ code: 'custom', path: ['noticeNumber'], message: 'only AssignAidWorker and ReplaceAidWorker carry a notice number' });
});

export type { ImportLine };

/**
 * Why a line was refused as it was read: not JSON, a CSV row that does not parse (or has too many
 * or too few cells), or a field (a cell) that is wrong. The codes are those POST /imports answers for the same line.
 */
export type ReadErrorCode = 'MALFORMED_JSON' | 'MALFORMED_ROW' | 'INVALID_FIELD';

/**
 * A line as read: its number in the file, and the line or the first thing wrong with it. A refused
 * line names its record when it is an object whose `record` reads as one, so that the record stops
 * there (its later lines are skipped, not run on a record missing a step) and its steps keep their ordinals.
 */
export type ReadLine =
  | { line: number; ok: true; value: ImportLine }
  | { line: number; ok: false; code: ReadErrorCode; field: string; reason: string; record?: string };

const recordOf = (value: unknown): { record?: string } => {
  const record = value && typeof value === 'object' ? (value as { record?: unknown }).record : undefined;
  return typeof record === 'string' && record.length >= 1 && record.length <= 120 ? { record } : {};
};

/** The envelope checked: the line, or its first problem as field (a dotted path, `line` for the whole) and reason. */
export const checkImportLine = (line: number, value: unknown): ReadLine => {
  const parsed = importLineSchema.safeParse(value);
  if (parsed.success) return { line, ok: true, value: parsed.data };
  const [first, ...rest] = parsed.error.issues;
  const field = first && first.path.length > 0 ? first.path.join('.') : 'line';
  const more = rest.length > 0 ? ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})` : '';
  return { line, ok: false, code: 'INVALID_FIELD', field, reason: `${first?.message ?? 'not an import line'}${more}`, ...recordOf(value) };
};
