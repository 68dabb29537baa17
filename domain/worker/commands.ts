import type * as z from 'zod';
import {
  AidWorkerDeactivated,
  AidWorkerDetailsUpdated,
  AidWorkerReactivated,
  AidWorkerRegistered,
} from '../../events/catalogue/worker-events.ts';
import type { CommandsOf } from '../commands.ts';

/** The aid-worker registry (`worker#<id>`). Role: agency administrator. */
export const workerCommandSchemas = {
  // A worker without a firm is the agency's own: the firm may be left out.
  RegisterAidWorker: AidWorkerRegistered.schema.omit({ registeredAt: true }).partial({ firmId: true }),
  UpdateAidWorker: AidWorkerDetailsUpdated.schema.omit({ updatedAt: true }),
  DeactivateAidWorker: AidWorkerDeactivated.schema.omit({ deactivatedAt: true }),
  ReactivateAidWorker: AidWorkerReactivated.schema.omit({ reactivatedAt: true }),
} satisfies Record<string, z.ZodType>;

export type WorkerCommand = CommandsOf<typeof workerCommandSchemas>;
