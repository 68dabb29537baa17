import { ObjectionDecided, ObjectionLodged } from '../../../events/catalogue/objection-events.ts';

/** Art 49. Lodged for the applicant or aided person; decided by the justice bureau that set up the agency. */
export const objectingCommandSchemas = {
  LodgeObjection: ObjectionLodged.schema,
  DecideObjection: ObjectionDecided.schema.omit({ decidedAt: true }),
};
