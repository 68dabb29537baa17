import * as z from 'zod';
import { ObjectionDecided, ObjectionLodged } from '../../../events/catalogue/objection-events.ts';
import { isoTimeSchema } from '../../../events/catalogue/vocabulary.ts';

const lodged = ObjectionLodged.schema.omit({ transmittedBy: true });

/**
 * Art 49. The applicant or aided person lodges with the justice bureau that set up the agency, which
 * records it and decides; an objection handed in at the agency is passed on by it. Which bureau that
 * is comes from the registry, never from the caller: the command path fills `justiceBureauId`.
 */
export const objectingCommandSchemas = {
  /** The bureau records an objection lodged with it. */
  LodgeObjection: lodged,
  /** The agency passes on an objection handed in there; it reaches the bureau when recorded. */
  TransmitObjection: lodged.omit({ lodgedAt: true }).extend({ receivedAt: isoTimeSchema }),
  DecideObjection: ObjectionDecided.schema.omit({ decidedAt: true }),
  /** After a correction order against a termination, the agency takes the aid up again (or terminates anew). */
  ReinstateAid: z.strictObject({}),
};
