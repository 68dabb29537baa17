import type { Registry } from '../../../domain/organisation/registry.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { errorResponse, isExpected } from '../../lib/http/error-response.ts';
import { createDryRunStore } from '../../lib/import/dry-run-store.ts';
import type { ImportBatch, NumberedLine } from '../../lib/import/import-line.ts';
import { rejected } from '../../lib/import/line-outcome.ts';
import type { RunLine } from '../../lib/import/run-import.ts';
import type { KeyStore } from '../../lib/privacy/key-store.ts';
import type { RegistrySource } from '../../lib/registry/registry-source.ts';
import { commandTable } from '../commands/command-table.ts';
import { targetHandlers } from '../commands/execute.ts';
import { commandRequestOfLine, specOfLine } from './line-request.ts';

export type ImportDeps = {
  store: EventStore;
  clock: () => Date;
  registry: RegistrySource;
  keys?: KeyStore;
  /** The stack's request-hash secret, as the command Lambda has it. */
  requestHashKey?: () => Promise<Buffer>;
};

const specs = new Map(commandTable.map((spec) => [spec.command, spec]));

/**
 * How one batch's lines run: each through the command table's target handler, as the API runs a
 * request. The registry and the request-hash secret are read once per batch, not per line. A dry run
 * decides on a store that keeps its writes in memory (functions/lib/import/dry-run-store.ts).
 * `admit` may refuse a line before it runs (the API: a line outside the caller's organisation).
 */
export const createLineRunner = async (
  deps: ImportDeps,
  batch: ImportBatch,
  { dryRun = false, admit }: { dryRun?: boolean; admit?: (line: NumberedLine, registry: Registry) => void } = {},
): Promise<RunLine> => {
  const store = dryRun ? createDryRunStore(deps.store, deps.clock) : deps.store;
  const targets = targetHandlers({ store, registry: deps.registry, ...(deps.keys ? { keys: deps.keys } : {}) });
  const { registry } = await deps.registry.current();
  const requestHashKey = await deps.requestHashKey?.();
  return async (line) => {
    try {
      admit?.(line, registry);
      const spec = specOfLine(specs, line.value.command);
      const request = commandRequestOfLine(spec, line, { registry, batch, now: deps.clock().toISOString(), requestHashKey });
      const answer = await targets[spec.target](request);
      const { stream, version } = JSON.parse(String(answer.body)) as { stream: string; version: number };
      const replayed = answer.headers?.['idempotent-replayed'] === 'true';
      return { line: line.line, record: line.value.record, status: replayed ? 'replayed' : 'accepted', stream, version };
    } catch (error) {
      // A refusal is the line's outcome; anything else (the store unreachable) stops the import.
      if (!isExpected(error)) throw error;
      const { error: e } = JSON.parse(String(errorResponse(error).body)) as { error: { code: string; reason: string; field?: string } };
      return rejected(line.line, line.value.record, e.code, e.field ?? null, e.reason);
    }
  };
};
