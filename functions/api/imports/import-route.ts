import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { parseBody } from '../../lib/http/request-body.ts';
import { json } from '../../lib/http/response.ts';
import { importBatch } from './import-batch.ts';
import { importRequestSchema, MAX_IMPORT_BODY_BYTES } from './import-request.ts';
import type { ImportDeps } from './run-lines.ts';

type BodyLine = { line: number; [k: string]: unknown };

const organisationsOf = (l: BodyLine): [string, string][] => {
  const actor = l.actor as { organisation?: unknown } | undefined;
  const data = l.data as { agencyId?: unknown } | undefined;
  return [
    ['actor.organisation', actor?.organisation],
    ['data.agencyId', data?.agencyId],
  ].filter((e): e is [string, string] => typeof e[1] === 'string');
};

/**
 * Whole batches only from within the caller's reach: every organisation a line names (its actor's,
 * the agency it names) must lie under the caller's organisation in the registry on the line's
 * business date. One line outside refuses the whole request (403, naming the line): an administrator
 * who sends another province's file learns it before anything is written, not as a partial import.
 */
const assertWithinCaller = (principal: Admitted, lines: readonly BodyLine[]) => {
  lines.forEach((l, i) => {
    const at = typeof l.occurredAt === 'string' && !Number.isNaN(Date.parse(l.occurredAt)) ? chinaDateOf(l.occurredAt) : principal.today;
    for (const [field, organisation] of organisationsOf(l))
      if (!principal.registry.liesUnder(organisation, principal.organisation, at))
        throw new HttpError(
          403,
          'OUT_OF_SCOPE',
          `line ${l.line}: ${field} does not lie under the caller's organisation (${principal.organisation}) on ${at}`,
          { field: `lines.${i}.${field}` },
        );
  });
};

/** POST /imports: the administrator's import of a batch of lines; 200 with every line's outcome. */
export const importRoute = (deps: ImportDeps) => async (event: APIGatewayProxyEventV2, _context: unknown, principal: Admitted) => {
  const { system, batch, lines } = parseBody(event, importRequestSchema, MAX_IMPORT_BODY_BYTES);
  const numbers = new Set(lines.map((l) => l.line));
  if (numbers.size !== lines.length)
    throw new HttpError(400, 'INVALID_FIELD', 'each line has a line number of its own', { field: 'lines' });
  assertWithinCaller(principal, lines);
  const raw = lines.map(({ line, ...value }) => ({ line, value }));
  const { outcomes, summary } = await importBatch(deps, { system, batch, importedBy: principal.id }, raw);
  return json(200, { system, batch, summary, outcomes });
};
