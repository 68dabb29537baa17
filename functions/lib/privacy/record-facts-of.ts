import { caseDecider } from '../../../domain/case/decider.ts';
import { consultationDecider } from '../../../domain/consultation/decider.ts';
import { dutyDecider } from '../../../domain/duty/decider.ts';
import { isErasureEvent } from '../../../domain/privacy/erased-event.ts';
import { caseFacts, consultationFacts, dutyFacts, workerFacts, type RecordFacts } from '../../../domain/privacy/record-facts.ts';
import type { RecordKind } from '../../../domain/rules/retention.ts';
import { caseStream, consultationStream, dutyStream, workerStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { folderOf } from '../command-runner.ts';

// A record's erasure facts from its stored events: each kind folded by its own decider.

export const streamOfRecord = (kind: RecordKind, id: string): string =>
  ({ case: caseStream, consultation: consultationStream, duty: dutyStream, worker: workerStream })[kind](id);

const fold = <S>(folder: { evolve: (s: S, e: EventEnvelope) => S; initialState: () => S }, envelopes: readonly EventEnvelope[]) =>
  envelopes.reduce(folder.evolve, folder.initialState());

/** When the worker was last deactivated (its record's end), read from the events as the state keeps no time. */
const lastDeactivation = (envelopes: readonly EventEnvelope[]): string | null => {
  const last = envelopes.findLast((e) => e.type === 'AidWorkerDeactivated' || e.type === 'AidWorkerReactivated');
  return last?.type === 'AidWorkerDeactivated' ? ((last.data as { deactivatedAt?: string }).deactivatedAt ?? last.occurredAt) : null;
};

export const recordFactsOf = (kind: RecordKind, id: string, envelopes: readonly EventEnvelope[]): RecordFacts => {
  switch (kind) {
    case 'case':
      return caseFacts(id, fold(folderOf(caseDecider, catalogue), envelopes));
    case 'consultation':
      return consultationFacts(id, fold(folderOf(consultationDecider, catalogue), envelopes));
    case 'duty':
      return dutyFacts(id, fold(folderOf(dutyDecider, catalogue), envelopes));
    case 'worker':
      return workerFacts(id, fold(folderOf(workerDecider, catalogue), envelopes), lastDeactivation(envelopes));
  }
};

/** The erasure event of a record, if it has one. */
export const erasureOf = (envelopes: readonly EventEnvelope[]): EventEnvelope | null => envelopes.find(isErasureEvent) ?? null;
