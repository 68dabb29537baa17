import * as z from 'zod';
import { CooperationCompleted, CooperationDeclined, CooperationRequested } from '../../events/catalogue/cooperation-events.ts';
import { isoTimeSchema } from '../../events/catalogue/vocabulary.ts';
import type { CommandsOf } from '../commands.ts';

/**
 * Issue 19 point 2. The requesting agency's reviewer asks (`fromAgencyId` is the caller's agency);
 * the asked agency's reviewer accepts, declines with reasons, or completes it with a record.
 */
export const cooperationCommandSchemas = {
  RequestCooperation: CooperationRequested.schema.omit({ requestedAt: true }),
  AcceptCooperation: z.strictObject({}),
  DeclineCooperation: CooperationDeclined.schema.pick({ reasons: true }),
  /** `completedAt`: when the task was done (business time); by default now. */
  CompleteCooperation: CooperationCompleted.schema.pick({ record: true }).extend({ completedAt: isoTimeSchema.optional() }),
};

export type CooperationCommand = CommandsOf<typeof cooperationCommandSchemas>;
