import { DomainError } from '../../../domain/errors.ts';
import { importedBusinessTimeOf } from '../../../domain/rules/import-time.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { tokenOrganisationRefusal } from '../../../domain/organisation/token-fit.ts';
import type { Registry } from '../../../domain/organisation/registry.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { requestHashOf } from '../../lib/command-runner.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { refuseProtectedForms } from '../../lib/http/request-body.ts';
import type { ImportBatch, NumberedLine } from '../../lib/import/import-line.ts';
import { importedIdOf, importKeyOf, resolveReferences } from '../../lib/import/record-ids.ts';
import { commandRequestFrom, type Body, type CommandRequest } from '../commands/command-request.ts';
import type { CommandSpec } from '../commands/command-table.ts';

// An import line made into the CommandRequest an HTTP request would have made: the same spec, body
// schema and target handler, with the line's actor as the principal (admitted on the registry of its
// business date), its business time judged by the import policy, and its ids and key derived from
// (system, record, step), so a re-run replays.

const NOT_IMPORTABLE = new Set(['open-organisation', 'organisation', 'erasure']);
const NOTICE_COMMANDS = new Set(['AssignAidWorker', 'ReplaceAidWorker']);

const lineError = (code: string, field: string, reason: string, status = 400) => new HttpError(status, code, reason, { field });

/** The spec a line's command names, or 400 naming `command`. */
export const specOfLine = (specs: ReadonlyMap<string, CommandSpec>, command: string): CommandSpec => {
  const spec = specs.get(command);
  if (!spec) throw lineError('UNKNOWN_COMMAND', 'command', `no command ${command} in the command table`);
  // The registry has its own load (npm run registry) and an erasure happens when it is done, never in the past.
  if (NOT_IMPORTABLE.has(spec.target)) throw lineError('COMMAND_NOT_IMPORTABLE', 'command', `${command} is not imported`);
  return spec;
};

/** The line's actor as an admitted caller: a role that issues the command, an organisation open on the business date that holds it. */
export const principalOfLine = (spec: CommandSpec, { value }: NumberedLine, registry: Registry, system: string): Admitted => {
  const { actor, occurredAt } = value;
  if (!spec.roles.includes(actor.role as never))
    throw lineError('ROLE_NOT_ALLOWED', 'actor.role', `${spec.command} is issued by ${spec.roles.join(' or ')}, not ${actor.role}`, 403);
  const today = chinaDateOf(occurredAt);
  const refusal = tokenOrganisationRefusal(registry, actor.role, actor.organisation, today);
  if (refusal) throw lineError(refusal.code, 'actor.organisation', `on ${today}: ${refusal.reason}`, 403);
  const id = resolveReferences(actor.id, system) as string;
  return {
    id,
    role: actor.role,
    organisation: actor.organisation,
    workstation: null,
    registry,
    today,
    kind: registry.get(actor.organisation)!.kind,
  };
};

/** The route's body of the line: references resolved, the business time in the opening's own time field, parsed by the route's schema. */
const bodyOfLine = (spec: CommandSpec, { value }: NumberedLine, system: string): Body => {
  refuseProtectedForms(value.data, []);
  const data = resolveReferences(value.data, system) as Body;
  for (const field of ['occurredAt', 'lateEntryReason'])
    if (field in data)
      throw lineError('INVALID_FIELD', `data.${field}`, "a line's business time is its occurredAt; it is never a late entry");
  if (spec.timeField) {
    const own = data[spec.timeField];
    if (own !== undefined && (typeof own !== 'string' || Date.parse(own) !== Date.parse(value.occurredAt)))
      throw lineError(
        'INVALID_FIELD',
        `data.${spec.timeField}`,
        `${spec.timeField} is this record's business time: leave it out or equal to occurredAt`,
      );
    data[spec.timeField] = value.occurredAt;
  }
  if (spec.target === 'open-worker') {
    // An imported worker's id is its record's, so the lines that name it (@record:) find it.
    const id = importedIdOf(system, value.record);
    if (data.workerId !== undefined && data.workerId !== id)
      throw lineError('INVALID_FIELD', 'data.workerId', `an imported worker's id is its record's (${id}): leave workerId out`);
    data.workerId = id;
  }
  if (value.noticeNumber !== undefined && !NOTICE_COMMANDS.has(spec.command))
    throw lineError('INVALID_FIELD', 'noticeNumber', `only ${[...NOTICE_COMMANDS].join(' and ')} carry a notice number`);
  const parsed = spec.body.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw lineError('INVALID_FIELD', `data.${issue?.path.join('.') ?? ''}`.replace(/\.$/, ''), issue?.message ?? 'invalid');
  }
  return parsed.data as Body;
};

/** The CommandRequest of one line, recorded at `now` by the batch's importer. */
export const commandRequestOfLine = (
  spec: CommandSpec,
  line: NumberedLine,
  { registry, batch, now, requestHashKey }: { registry: Registry; batch: ImportBatch; now: string; requestHashKey: Buffer | undefined },
): CommandRequest => {
  const { value } = line;
  const { system } = batch;
  const principal = principalOfLine(spec, line, registry, system);
  const body = bodyOfLine(spec, line, system);
  let time;
  try {
    time = importedBusinessTimeOf(value.occurredAt, now);
  } catch (error) {
    if (error instanceof DomainError) throw lineError(error.code, 'occurredAt', error.message);
    throw error;
  }
  const id = importedIdOf(system, value.record);
  // Neither the batch nor the line number is hashed: the same line re-run under another batch name replays.
  const requestHash = requestHashOf(
    {
      import: system,
      record: value.record,
      step: line.step,
      command: value.command,
      occurredAt: value.occurredAt,
      actor: value.actor,
      data: value.data,
      noticeNumber: value.noticeNumber ?? null,
    },
    requestHashKey,
  );
  return commandRequestFrom(spec, principal, { body, time }, now, {
    key: importKeyOf(system, value.record, line.step),
    requestHash,
    correlationId: `import:${batch.batch}`,
    causationId: `import:${batch.batch}:${line.line}`,
    expectedVersion: undefined,
    recordId: () => id,
    openedId: id,
    provenance: { system, batch: batch.batch, line: line.line, importedBy: batch.importedBy },
    ...(value.noticeNumber !== undefined ? { legacyNotice: { system, printed: value.noticeNumber } } : {}),
  });
};
