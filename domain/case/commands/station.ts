import { PreliminaryOpinionGiven } from '../../../events/catalogue/station-events.ts';

/** Role: the clerk of the workstation that took the application; the station and the time are the decider's to fill. */
export const stationCommandSchemas = {
  GivePreliminaryOpinion: PreliminaryOpinionGiven.schema.pick({ recommendation: true, reasons: true }),
};
