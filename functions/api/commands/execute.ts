import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { assignmentCommand } from './assignment.ts';
import { commandRequestOf, type TargetHandler } from './command-request.ts';
import type { CommandSpec, CommandTarget } from './command-table.ts';
import { fundingCommands } from './funding.ts';
import { organisationCommands } from './organisations.ts';
import type { RegistrySource } from '../../lib/registry/registry-source.ts';
import { recordCommands } from './records.ts';
import { erasureCommand } from './erasure.ts';
import { dutyProgrammeCommands } from './duty-programme.ts';
import { cooperationCommands } from './cooperation.ts';
import { serviceStandardCommands } from './service-standard.ts';
import type { KeyStore } from '../../lib/privacy/key-store.ts';

export type ExecuteDeps = {
  store: EventStore;
  clock: () => Date;
  registry: RegistrySource;
  keys?: KeyStore;
  /** The stack's request-hash secret (privacy/request-hash-key.ts); without it requests hash unkeyed. */
  requestHashKey?: () => Promise<Buffer>;
};

/** The handler of each target: the one place a command of the table is checked, decided and appended (the API's and the import's). */
export const targetHandlers = ({
  store,
  registry,
  keys,
}: Pick<ExecuteDeps, 'store' | 'registry' | 'keys'>): Record<CommandTarget, TargetHandler> => ({
  ...recordCommands(store),
  assignment: assignmentCommand(store),
  ...fundingCommands(store),
  ...organisationCommands(store, registry),
  erasure: erasureCommand(store, keys),
  // After the record commands: a duty record now opens at a station of the registry, on a shift if it names one.
  ...dutyProgrammeCommands(store),
  ...cooperationCommands(store),
  ...serviceStandardCommands(store),
});

/**
 * Runs one command of the table: the route gate has admitted the caller's role; each target's
 * handler checks the record, decides and appends exactly once.
 */
export const createCommandExecutor = ({ store, clock, registry, keys, requestHashKey }: ExecuteDeps) => {
  const targets = targetHandlers({ store, registry, keys });
  return async (spec: CommandSpec, event: APIGatewayProxyEventV2, principal: Admitted) =>
    targets[spec.target](commandRequestOf(spec, event, principal, clock().toISOString(), await requestHashKey?.()));
};
