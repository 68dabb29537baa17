import { registryCommandRefusal } from '../../../domain/organisation/command-authority.ts';
import type { OrganisationCommand } from '../../../domain/organisation/commands.ts';
import { isRegistered } from '../../../domain/organisation/state.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { createPlanRunner } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { registryCommandPlan } from '../../lib/registry/registry-plan.ts';
import type { RegistrySource } from '../../lib/registry/registry-source.ts';
import { answer } from './answer.ts';
import type { CommandRequest, TargetHandler } from './command-request.ts';

// The registry's commands over HTTP (role administrator of a justice body; what it may change is
// command-authority.ts's question, asked on the snapshot the change is decided on). A registration
// names its id in the body, as an aid worker's does: an organisation's id is its public name in
// every token and case, not something the server makes up. The other commands act on the id in the path.

/** One registry command through the one runner, refused 403 with the reason when it is not the caller's to make. */
const run = (runner: ReturnType<typeof createPlanRunner>, source: RegistrySource, r: CommandRequest, organisationId: string) => {
  const command = { type: r.spec.command, data: r.body } as OrganisationCommand;
  const opening = command.type === 'RegisterOrganisation';
  return runner.execute(
    registryCommandPlan({
      source,
      organisationId,
      command,
      meta: r.meta,
      ...(r.expectedVersion !== undefined ? { ifMatch: r.expectedVersion } : {}),
      authorise: (registry, own) => {
        const refusal = registryCommandRefusal(registry, r.principal, command, own);
        if (refusal) throw new HttpError(403, refusal.code, refusal.reason);
      },
      ...(opening
        ? {}
        : {
            check: (own) => {
              if (!isRegistered(own)) throw new HttpError(404, 'ORGANISATION_NOT_FOUND', `no organisation ${organisationId}`);
            },
          }),
    }),
  );
};

export const organisationCommands = (
  store: EventStore,
  source: RegistrySource,
): Record<'open-organisation' | 'organisation', TargetHandler> => {
  const runner = createPlanRunner({ store, catalogue });
  return {
    'open-organisation': async (r) => {
      const organisationId = String(r.body.organisationId);
      return answer(201, organisationId, await run(runner, source, r, organisationId), { organisationId });
    },
    organisation: async (r) => {
      const organisationId = r.recordId();
      return answer(200, organisationId, await run(runner, source, r, organisationId), { organisationId });
    },
  };
};
