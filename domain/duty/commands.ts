import {
  DutyConsultationGiven,
  DutyOpinionSubmitted,
  DutyRecordClosed,
  DutyRecordOpened,
  MeasureChangeRequested,
  PleaSigningAttended,
  ProcedureAdviceGiven,
} from '../../events/catalogue/duty-lawyer-events.ts';
import type { CommandsOf } from '../commands.ts';

/** Duty-lawyer legal help (`duty#<id>`, Art 30). Role: duty lawyer, whose id is the actor's id. */
export const dutyCommandSchemas = {
  OpenDutyRecord: DutyRecordOpened.schema.omit({ dutyLawyerId: true }),
  GiveDutyConsultation: DutyConsultationGiven.schema.omit({ dutyLawyerId: true }),
  GiveProcedureAdvice: ProcedureAdviceGiven.schema.omit({ dutyLawyerId: true }),
  RequestMeasureChange: MeasureChangeRequested.schema.omit({ dutyLawyerId: true }),
  SubmitDutyOpinion: DutyOpinionSubmitted.schema.omit({ dutyLawyerId: true }),
  AttendPleaSigning: PleaSigningAttended.schema.omit({ dutyLawyerId: true }),
  CloseDutyRecord: DutyRecordClosed.schema,
};

export type DutyCommand = CommandsOf<typeof dutyCommandSchemas>;
