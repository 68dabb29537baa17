import { CaseFileRead, ClientMeetingHeld, HearingAttended, ProgressReported } from '../../../events/catalogue/handling-events.ts';

/** Art 46. Role: the assigned aid worker, whose id is the actor's id. */
export const handlingCommandSchemas = {
  RecordClientMeeting: ClientMeetingHeld.schema.omit({ workerId: true }),
  RecordFileReading: CaseFileRead.schema.omit({ workerId: true }),
  RecordHearingAttendance: HearingAttended.schema.omit({ workerId: true }),
  ReportProgress: ProgressReported.schema.omit({ workerId: true }),
};
