import type { Logger } from '@aws-lambda-powertools/logger';
import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import type { EventStore } from '../lib/event-store/event-store.ts';
import type { CaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { projectedEventSchema } from './projected-event.ts';

export type CaseStatusProjectionDeps = { store: EventStore; caseStatus: CaseStatusTable; logger: Logger };

export type ProjectionOutcome = 'applied' | 'duplicate' | 'superseded';

/**
 * Applies one case event to the case's status record. Delivery is at least once and in any order:
 * an event at or below the record's version is a duplicate; one beyond the next version means
 * events are missing, and they are read from the store, so the record never skips a version.
 */
export const applyToCaseStatus = async ({ store, caseStatus }: Omit<CaseStatusProjectionDeps, 'logger'>, envelope: EventEnvelope): Promise<ProjectionOutcome> => {
  const caseId = envelope.stream.slice('case#'.length);
  const current = await caseStatus.get(caseId, { consistent: true });
  if (current && envelope.version <= current.version) return 'duplicate';
  const from = (current?.version ?? 0) + 1;
  const missing = envelope.version === from ? [envelope] : await store.readStream(envelope.stream, { from, to: envelope.version });
  const state = missing.reduce((s, e) => caseDecider.evolve(s, readEventData(catalogue, e) as CaseEvent), current?.state ?? caseDecider.initialState());
  const last = missing.at(-1)!;
  const written = await caseStatus.put({ caseId, version: last.version, state, updatedAt: last.recordedAt });
  return written ? 'applied' : 'superseded';
};

export const createCaseStatusProjection = (deps: CaseStatusProjectionDeps) => async (event: unknown) => {
  const parsed = projectedEventSchema.parse(event);
  const outcome = await applyToCaseStatus(deps, parsed.detail);
  deps.logger.debug('case-status', { stream: parsed.detail.stream, version: parsed.detail.version, outcome, replay: parsed['replay-name'] ?? null });
  return outcome;
};
