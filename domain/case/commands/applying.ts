import * as z from 'zod';
import {
  ApplicationReceived,
  DefenceNotificationReceived,
  ForwardedApplicationReceived,
} from '../../../events/catalogue/applying-events.ts';
import { provinceSchema, textSchema } from '../../../events/catalogue/vocabulary.ts';

/**
 * The province is the receiving agency's, from the registry on the day of receipt; a command may
 * still name it (as clients did when it was typed in), and is refused if it names another.
 */
const optionalProvince = {
  province: provinceSchema
    .optional()
    .describe(
      "Optional: the receiving agency's province comes from the registry on the date of receipt; if given it must be that one (else 409 PROVINCE_MISMATCH)",
    ),
};

/** Starting a case and an applicant's withdrawal. Role: agency reviewer (window, workstation, online) unless noted. */
export const applyingCommandSchemas = {
  ReceiveApplication: ApplicationReceived.schema.extend(optionalProvince),
  /** Role: detention centre, handling authority or duty lawyer forwarding for a detained person (Art 39). */
  ReceiveForwardedApplication: ForwardedApplicationReceived.schema
    .omit({ allowedForwardingHours: true, lateForwarding: true })
    .extend(optionalProvince),
  /** Role: court, procuratorate or police (Art 25, Art 28, Art 36). */
  ReceiveDefenceNotification: DefenceNotificationReceived.schema
    .omit({
      formOfAid: true,
      allowedNotificationDays: true,
      lateNotification: true,
    })
    .extend(optionalProvince),
  WithdrawApplication: z.strictObject({ note: textSchema }),
  /** Art 43: requested materials never supplied; the decider checks the period has run. */
  TreatApplicationAsWithdrawn: z.strictObject({}),
};
