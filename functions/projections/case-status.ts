import type { Logger } from '@aws-lambda-powertools/logger';
import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseState } from '../../domain/case/state.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import type { CaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { projectedEventSchema } from './projected-event.ts';
import { applyStreamEvent, type ProjectionOutcome, type StreamReader, type StreamTarget } from './stream-projection.ts';

export type { ProjectionOutcome } from './stream-projection.ts';

export type CaseStatusProjectionDeps = { store: StreamReader; caseStatus: CaseStatusTable; logger: Logger };

const caseIdOf = (stream: string) => stream.slice('case#'.length);

export const caseStatusTarget = (caseStatus: CaseStatusTable): StreamTarget<CaseState> => ({
  read: async (stream) => caseStatus.get(caseIdOf(stream), { consistent: true }),
  initial: () => caseDecider.initialState(),
  evolve: (s, e) => caseDecider.evolve(s, readEventData(catalogue, e) as CaseEvent),
  write: (stream, state, last) => caseStatus.put({ caseId: caseIdOf(stream), version: last.version, state, updatedAt: last.recordedAt }),
});

/**
 * Applies one case event to the case's status record. Delivery is at least once and in any order:
 * an event at or below the record's version is a duplicate; one beyond the next version means
 * events are missing, and they are read from the store, so the record never skips a version.
 */
export const applyToCaseStatus = async ({ store, caseStatus }: Omit<CaseStatusProjectionDeps, 'logger'>, envelope: EventEnvelope): Promise<ProjectionOutcome> =>
  applyStreamEvent(caseStatusTarget(caseStatus), store, envelope);

export const createCaseStatusProjection = (deps: CaseStatusProjectionDeps) => async (event: unknown) => {
  const parsed = projectedEventSchema.parse(event);
  const outcome = await applyToCaseStatus(deps, parsed.detail);
  deps.logger.debug('case-status', { stream: parsed.detail.stream, version: parsed.detail.version, outcome, replay: parsed['replay-name'] ?? null });
  return outcome;
};
