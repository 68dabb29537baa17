import type { Registry } from '../../../domain/organisation/registry.ts';
import type { DynamoEventStore, EventStore } from '../../lib/event-store/event-store.ts';
import { createBatchedStore } from '../../lib/import/batched-store.ts';
import { describeError, isExpected } from '../../lib/http/error-response.ts';
import { createDryRunStore } from '../../lib/import/dry-run-store.ts';
import type { ImportBatch, NumberedLine } from '../../lib/import/import-line.ts';
import { rejected, type LineOutcome } from '../../lib/import/line-outcome.ts';
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
 * decides on a store that keeps its writes in memory (functions/lib/import/dry-run-store.ts). By
 * default the lines run on the batched store (functions/lib/import/batched-store.ts): the events of
 * lines that finish together are written together, and a line whose write clashes runs again on the
 * store itself; `lineByLine` runs every line on the store itself, one write per line, as the API does.
 * `admit` may refuse a line before it runs (the API: a line outside the caller's organisation).
 */
export const createLineRunner = async (
  deps: ImportDeps,
  batch: ImportBatch,
  {
    dryRun = false,
    lineByLine = false,
    admit,
  }: { dryRun?: boolean; lineByLine?: boolean; admit?: (line: NumberedLine, registry: Registry) => void } = {},
): Promise<RunLine> => {
  const direct = dryRun ? createDryRunStore(deps.store, deps.clock) : deps.store;
  const targetsOn = (store: EventStore) => targetHandlers({ store, registry: deps.registry, ...(deps.keys ? { keys: deps.keys } : {}) });
  const directTargets = targetsOn(direct);
  const { registry } = await deps.registry.current();
  const requestHashKey = await deps.requestHashKey?.();
  const runOn = async (targets: ReturnType<typeof targetsOn>, line: NumberedLine): Promise<LineOutcome> => {
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
      const { facts } = describeError(error)!;
      return rejected(line.line, line.value.record, facts.code, facts.field ?? null, facts.detail);
    }
  };
  const writer = !dryRun && !lineByLine && 'putEnvelopes' in deps.store ? (deps.store as DynamoEventStore) : null;
  if (!writer) return (line) => runOn(directTargets, line);
  const batched = createBatchedStore(writer);
  const batchedTargets = targetsOn(batched.store);
  return async (line) => {
    const ticket = batched.newTicket();
    let outcome: LineOutcome;
    try {
      outcome = await batched.runLine(ticket, () => runOn(batchedTargets, line));
    } catch (error) {
      batched.discard(ticket);
      throw error;
    }
    if (outcome.status === 'rejected' || outcome.status === 'skipped') {
      // Nothing of a refused line is stored (a handler refuses before it appends, but should one not).
      batched.discard(ticket);
      return outcome;
    }
    return (await batched.commit(ticket)) === 'stored' ? outcome : runOn(directTargets, line);
  };
};
