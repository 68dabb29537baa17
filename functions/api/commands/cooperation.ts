import type { CooperationCommand } from '../../../domain/cooperation/commands.ts';
import { cooperationDecider, type CooperationState } from '../../../domain/cooperation/decider.ts';
import { cooperationIndexStream, cooperationStream } from '../../../domain/streams.ts';
import type { CooperationEvent } from '../../../events/catalogue/cooperation-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { assertCooperationActor } from '../../lib/auth/cooperation-scope.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { createPlanRunner, folderOf } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { caseIdFor } from '../command-headers.ts';
import { answer } from './answer.ts';
import type { CommandRequest, TargetHandler } from './command-request.ts';

// A cooperation request (issue 19 point 2): its own stream, and with every step a status line on
// the index stream of each party agency, in the same transaction, so the agency's statistics and
// its overdue list fold one stream and never miss a step.

const statusAfter: Record<string, 'requested' | 'accepted' | 'declined' | 'completed'> = {
  CooperationRequested: 'requested',
  CooperationAccepted: 'accepted',
  CooperationDeclined: 'declined',
  CooperationCompleted: 'completed',
};

export const cooperationCommands = (store: EventStore): Record<'open-cooperation' | 'cooperation', TargetHandler> => {
  const runner = createPlanRunner({ store, catalogue });
  const folder = folderOf(cooperationDecider, catalogue);

  const run = async (r: CommandRequest, id: string, command: CooperationCommand, opening: boolean) => {
    const stream = cooperationStream(id);
    const outcome = await runner.execute({
      stream,
      meta: r.meta,
      ...(opening ? { expectedVersion: 0 } : { ifMatch: r.expectedVersion }),
      ...(opening ? { newStream: true } : {}),
      check: async (reads) => {
        const state: CooperationState = await reads.fold(stream, folder);
        if (opening) return;
        if (state.status === 'none') throw new HttpError(404, 'COOPERATION_NOT_FOUND', 'no such cooperation request');
        assertCooperationActor(r.principal, state);
      },
      decide: async (reads) => {
        const state = await reads.fold(stream, folder);
        const events = cooperationDecider.decide(command, state, { ...r.context, registry: r.principal.registry });
        const after = events.reduce(cooperationDecider.evolve, state);
        const step = events[0]!;
        const line: CooperationEvent = {
          type: 'CooperationIndexed',
          data: {
            cooperationId: id,
            fromAgencyId: after.fromAgencyId!,
            toAgencyId: after.toAgencyId!,
            task: after.task as never,
            status: statusAfter[step.type]!,
            dueAt: after.dueAt!,
            // A completion's own time, so a task done late counts late even when recorded later.
            at: step.type === 'CooperationCompleted' ? step.data.completedAt : r.context.now,
          },
        };
        const indexes = [cooperationIndexStream(after.fromAgencyId!), cooperationIndexStream(after.toAgencyId!)];
        for (const index of indexes) await reads.newest(index);
        return [{ stream, events }, ...indexes.map((index) => ({ stream: index, events: [line] }))];
      },
    });
    return outcome;
  };

  return {
    'open-cooperation': async (r) => {
      assertOwnOrganisation(r.principal, r.body.fromAgencyId as string, 'fromAgencyId');
      const id = r.openedId ?? caseIdFor(r.principal.organisation, r.key);
      const data = { ...r.body, cooperationId: id, caseId: r.body.caseId ?? null };
      const outcome = await run(r, id, { type: 'RequestCooperation', data } as CooperationCommand, true);
      return answer(201, id, outcome, { cooperationId: id });
    },
    cooperation: async (r) => {
      const id = r.recordId();
      const outcome = await run(r, id, { type: r.spec.command, data: r.body } as CooperationCommand, false);
      return answer(200, id, outcome, { cooperationId: id });
    },
  };
};
