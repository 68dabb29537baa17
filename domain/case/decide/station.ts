import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import type { stationCommandSchemas } from '../commands/station.ts';
import type { CaseContext } from '../context.ts';
import type { CaseState } from '../state.ts';
import { requireApplicationUnderReview } from './review-guards.ts';

type StationCommand = CommandsOf<typeof stationCommandSchemas>;

/**
 * Issue 19 point 3: the clerk of the station that took the application gives one preliminary
 * opinion while the agency has not decided; the agency's decision then follows or departs from it.
 * The station is the case's, never the caller's word: a clerk of another station is refused.
 */
export const decideStation = (command: StationCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  requireApplicationUnderReview(state);
  const station = state.station;
  if (!station) throw refuse('NOT_TAKEN_AT_STATION', 'the application was not taken at a workstation: the agency decides it alone');
  if (context.actor.organisation !== station.stationId)
    throw refuse('OTHER_STATION', `the application was taken at ${station.stationId}, not ${context.actor.organisation}`);
  if (station.opinion) throw refuse('OPINION_ALREADY_GIVEN', `the station gave its opinion at ${station.opinion.givenAt}`);
  return [
    {
      type: 'PreliminaryOpinionGiven',
      data: {
        stationId: station.stationId,
        recommendation: command.data.recommendation,
        reasons: command.data.reasons,
        givenAt: context.now,
      },
    },
  ];
};

/** How a decision stands to the station's opinion, if there is one. */
export const againstOpinion = (state: CaseState, decision: 'grant' | 'refuse'): { preliminaryOpinion?: 'followed' | 'departed' } => {
  const opinion = state.station?.opinion;
  return opinion ? { preliminaryOpinion: opinion.recommendation === decision ? 'followed' : 'departed' } : {};
};
