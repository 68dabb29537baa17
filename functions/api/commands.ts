import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventStore } from '../lib/event-store/event-store.ts';
import { createHttpHandler, type RouteHandler } from '../lib/http/http-handler.ts';
import { principalOf } from '../lib/http/principal.ts';
import { commandTable } from './commands/command-table.ts';
import { createCommandExecutor } from './commands/execute.ts';
import { routeKeyOf } from './routes.ts';

export type CommandDeps = { store: EventStore; clock: () => Date; logger: Logger };

/** The command Lambda: every route of the command table, each a load-decide-append. */
export const createCommandHandler = ({ store, clock, logger }: CommandDeps) => {
  const execute = createCommandExecutor({ store, clock });
  const handlers: Record<string, RouteHandler> = Object.fromEntries(
    commandTable.map((spec) => [routeKeyOf({ method: 'POST', path: spec.path }), (event) => execute(spec, event, principalOf(event))]),
  );
  return createHttpHandler(handlers, logger);
};
