import * as z from 'zod';
import {
  ApplicationReceived,
  DefenceNotificationReceived,
  ForwardedApplicationReceived,
} from '../../../events/catalogue/applying-events.ts';
import { textSchema } from '../../../events/catalogue/vocabulary.ts';

/** Starting a case and an applicant's withdrawal. Role: agency reviewer (window, workstation, online) unless noted. */
export const applyingCommandSchemas = {
  ReceiveApplication: ApplicationReceived.schema,
  /** Role: detention centre, handling authority or duty lawyer forwarding for a detained person (Art 39). */
  ReceiveForwardedApplication: ForwardedApplicationReceived.schema.omit({ allowedForwardingHours: true, lateForwarding: true }),
  /** Role: court, procuratorate or police (Art 25, Art 28, Art 36). */
  ReceiveDefenceNotification: DefenceNotificationReceived.schema.omit({
    formOfAid: true,
    allowedNotificationDays: true,
    lateNotification: true,
  }),
  WithdrawApplication: z.strictObject({ note: textSchema }),
  /** Art 43: requested materials never supplied; the decider checks the period has run. */
  TreatApplicationAsWithdrawn: z.strictObject({}),
};
