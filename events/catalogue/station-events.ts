import * as z from 'zod';
import { freeText } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema } from './vocabulary.ts';

// The workstation tier (issue 19 point 3; seed 003 "提出初审意见,报送上级法律援助机构批办"): the clerk
// of the station that took an application gives a preliminary opinion; the station's agency decides.

export const preliminaryRecommendationSchema = z.enum(['grant', 'refuse']);

/** 初审意见: the station recommends grant or refusal, with reasons; it does not decide. */
export const PreliminaryOpinionGiven = defineEvent(
  'PreliminaryOpinionGiven',
  1,
  z.strictObject({
    stationId: organisationIdSchema,
    recommendation: preliminaryRecommendationSchema,
    reasons: freeText(1),
    givenAt: isoTimeSchema,
  }),
);

export const stationEventDefinitions = [PreliminaryOpinionGiven] as const;
