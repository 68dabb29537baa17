import type * as z from 'zod';
import type { AidWorkerDetailsUpdated, WorkerEvent } from '../../events/catalogue/worker-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import type { WorkerCommand } from './commands.ts';
import { initialWorkerState, type WorkerState } from './state.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';

const detailKeys = ['agencyId', 'name', 'kind', 'licenceNumber', 'relevantPracticeSince', 'firmId'] as const;
type Details = Omit<z.infer<typeof AidWorkerDetailsUpdated.schema>, 'updatedAt'>;

export type WorkerContext = { now: string; actor: Actor };

const decide = (command: WorkerCommand, state: WorkerState, context: WorkerContext): WorkerEvent[] => {
  if (command.type === 'RegisterAidWorker') {
    if (state.status !== 'none') throw refuse('WORKER_EXISTS', `aid worker ${state.workerId} is registered`);
    return [{ type: 'AidWorkerRegistered', data: { ...command.data, firmId: command.data.firmId ?? null, registeredAt: context.now } }];
  }
  if (state.status === 'none') throw refuse('WORKER_NOT_FOUND', 'no aid worker is registered under this id');
  switch (command.type) {
    case 'UpdateAidWorker': {
      const d = command.data;
      const changed = Object.fromEntries(
        detailKeys.filter((k) => d[k] !== undefined && d[k] !== state[k]).map((k) => [k, d[k]]),
      ) as Details;
      if (Object.keys(changed).length === 0) throw refuse('NOTHING_TO_UPDATE', 'the update changes nothing');
      return [{ type: 'AidWorkerDetailsUpdated', data: { ...changed, updatedAt: context.now } }];
    }
    case 'DeactivateAidWorker':
      if (state.status === 'inactive') throw refuse('WORKER_ALREADY_INACTIVE', 'the aid worker is already inactive');
      return [{ type: 'AidWorkerDeactivated', data: { reason: command.data.reason, deactivatedAt: context.now } }];
    case 'ReactivateAidWorker':
      if (state.status === 'active') throw refuse('WORKER_ALREADY_ACTIVE', 'the aid worker is already active');
      return [{ type: 'AidWorkerReactivated', data: { reason: command.data.reason, reactivatedAt: context.now } }];
  }
};

const evolve = (state: WorkerState, event: WorkerEvent): WorkerState => {
  if (isErasureEvent(event)) return state;
  switch (event.type) {
    case 'AidWorkerRegistered': {
      const { registeredAt: _, ...details } = event.data;
      return { ...state, ...details, status: 'active' };
    }
    case 'AidWorkerDetailsUpdated': {
      const changes = Object.fromEntries(detailKeys.filter((k) => event.data[k] !== undefined).map((k) => [k, event.data[k]])) as Details;
      return { ...state, ...changes };
    }
    case 'AidWorkerDeactivated':
      return { ...state, status: 'inactive' };
    case 'AidWorkerReactivated':
      return { ...state, status: 'active' };
  }
};

export const workerDecider: Decider<WorkerCommand, WorkerEvent, WorkerState, WorkerContext> = {
  decide,
  evolve,
  initialState: initialWorkerState,
};
