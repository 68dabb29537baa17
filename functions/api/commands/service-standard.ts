import { isJusticeKind, workstationKinds } from '../../../domain/organisation/kinds.ts';
import { serviceAssessmentDecider, type ServiceAssessmentState } from '../../../domain/standard/assessment.ts';
import type { ServiceStandardCommand } from '../../../domain/standard/commands.ts';
import { serviceAssessmentStream } from '../../../domain/streams.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import type { ServiceStandardEvent } from '../../../events/catalogue/service-standard-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { keptByCaller } from '../../lib/auth/organisation-scope.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { createPlanRunner, folderOf } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { answer } from './answer.ts';
import type { CommandRequest, TargetHandler } from './command-request.ts';

// The service standard's commands (docs/service-standard.md): the agency opens its own or one of its
// workstations' assessment of a year (with its self-assessment, or later), and a justice bureau above
// it inspects it once. The assessment's id is the organisation and the year, so a year is assessed
// once: a second opening meets the first (ASSESSMENT_EXISTS), a second inspection the first's result.

const folder = folderOf(serviceAssessmentDecider, catalogue);

/** The agency that keeps an organisation's assessment: the agency itself, or the one a workstation is placed under. */
const keeperOf = (p: Admitted, organisationId: string): string => {
  const kind = p.registry.get(organisationId)?.kind;
  return kind && workstationKinds.includes(kind) ? (p.registry.parentOf(organisationId, p.today) ?? organisationId) : organisationId;
};

/** Self-assessing: the agency that keeps it. Inspecting: a justice bureau the organisation lies under. Never the other. */
const assertActor = (p: Admitted, state: ServiceAssessmentState, command: ServiceStandardCommand['type']) => {
  if (command === 'InspectService') {
    if (!isJusticeKind(p.kind) || !p.registry.liesUnder(state.organisationId!, p.organisation, p.today))
      throw new HttpError(
        403,
        'OUT_OF_SCOPE',
        `${state.organisationId} is inspected by a justice bureau it lies under, not ${p.organisation}`,
      );
  } else if (!keptByCaller(p, state.agencyId))
    throw new HttpError(403, 'OUT_OF_SCOPE', `this assessment is ${state.agencyId}'s to self-assess, not ${p.organisation}'s`);
};

export const serviceStandardCommands = (store: EventStore): Record<'open-service-assessment' | 'service-assessment', TargetHandler> => {
  const runner = createPlanRunner({ store, catalogue });

  const run = (r: CommandRequest, id: string, commands: ServiceStandardCommand[], opening: boolean) => {
    const stream = serviceAssessmentStream(id);
    return runner.execute({
      stream,
      meta: r.meta,
      // An opening meets an existing year in the decider (ASSESSMENT_EXISTS), not as a version conflict.
      expectedVersion: opening ? undefined : r.expectedVersion,
      check: async (reads) => {
        if (opening) return;
        const state: ServiceAssessmentState = await reads.fold(stream, folder);
        if (state.status === 'none') throw new HttpError(404, 'ASSESSMENT_NOT_FOUND', 'no such service assessment');
        assertActor(r.principal, state, commands[0]!.type);
      },
      decide: async (reads) => {
        let state: ServiceAssessmentState = await reads.fold(stream, folder);
        const keeper = state.agencyId ?? keeperOf(r.principal, (commands[0]!.data as { organisationId: string }).organisationId);
        const province = r.principal.registry.provinceOf(keeper, chinaDateOf(r.context.now));
        const context = { ...r.context, registry: r.principal.registry, province };
        const events: ServiceStandardEvent[] = [];
        for (const command of commands) {
          const decided = serviceAssessmentDecider.decide(command, state, context);
          state = decided.reduce(serviceAssessmentDecider.evolve, state);
          events.push(...decided);
        }
        return [{ stream, events }];
      },
    });
  };

  return {
    'open-service-assessment': async (r) => {
      const { organisationId, year, items } = r.body as { organisationId: string; year: number; items?: unknown[] };
      assertOwnOrganisation(r.principal, keeperOf(r.principal, organisationId), 'organisationId');
      const id = `${organisationId}:${year}`;
      const commands = [
        { type: 'OpenServiceAssessment', data: { assessmentId: id, organisationId, year } },
        ...(items ? [{ type: 'SelfAssessService', data: { items } }] : []),
      ] as ServiceStandardCommand[];
      const outcome = await run(r, id, commands, true);
      return answer(201, id, outcome, { assessmentId: id });
    },
    'service-assessment': async (r) => {
      const id = r.recordId();
      const outcome = await run(r, id, [{ type: r.spec.command, data: r.body } as ServiceStandardCommand], false);
      return answer(200, id, outcome, { assessmentId: id });
    },
  };
};
