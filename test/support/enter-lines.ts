import { randomBytes } from 'node:crypto';
import { commandTable } from '../../functions/api/commands/command-table.ts';
import type { ImportLine } from '../../scripts/import/county-year-lines.ts';
import type { ApiResponse } from './local-stack.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';

// Import lines entered as a clerk would type them in late from the paper files: each line one
// request of the API, dated when it happened, with a late-entry reason. The records a line refers to
// (`@record:<ref>`) are the ids the API gave (or, for a worker, the id the clerk chose) when they
// were entered. Lines go in file order, one at a time.

type Request = (
  method: string,
  path: string,
  options: { as: DevPrincipal; body: unknown; headers: Record<string, string> },
) => Promise<ApiResponse>;

const openedIdFields = ['caseId', 'consultationId', 'workerId', 'dutyId'];

export const enterLines = async (request: Request, lines: readonly ImportLine[], reason = 'paper-ledger') => {
  const ids = new Map<string, string>();
  const suffix = randomBytes(3).toString('hex');
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string' && value.startsWith('@record:')) {
      const ref = value.slice(8);
      // A worker's id is the registering clerk's choice; every other record's is the API's.
      if (!ids.has(ref)) ids.set(ref, `lawyer-${ref.toLowerCase()}-${suffix}`);
      return ids.get(ref);
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  for (const [i, line] of lines.entries()) {
    const spec = commandTable.find((s) => s.command === line.command);
    if (!spec) throw new Error(`line ${i + 1}: no route for ${line.command}`);
    const path = spec.path.replace('{id}', ids.get(line.record) ?? `unopened-${line.record}`);
    const as: DevPrincipal = { role: line.actor.role, org: line.actor.organisation, sub: resolve(line.actor.id) as string };
    // A worker's id is its record's, as the import derives it: here the registering clerk's choice.
    const own = line.command === 'RegisterAidWorker' ? { workerId: resolve(`@record:${line.record}`) } : {};
    const body = { ...(resolve(line.data) as Record<string, unknown>), ...own, occurredAt: line.occurredAt, lateEntryReason: reason };
    const res = await request('POST', path, { as, body, headers: { 'idempotency-key': `live-${suffix}-${i}` } });
    if (res.status >= 300) throw new Error(`line ${i + 1} (${line.record} ${line.command}): ${res.status} ${JSON.stringify(res.body)}`);
    const opened = openedIdFields.map((f) => res.body?.[f]).find((v) => typeof v === 'string');
    if (!ids.has(line.record) && typeof opened === 'string') ids.set(line.record, opened);
  }
  return ids;
};
