import {
  AidedPersonFollowedUp,
  AuthorityOpinionObtained,
  CaseFileReviewed,
  ComplaintHandled,
  HearingObserved,
  PeerReviewed,
} from '../../../events/catalogue/supervision-events.ts';

/** Quality supervision (Art 56, 57, 59). Role: supervisor, whose id is the actor's id. Scores and grades are computed. */
export const supervisingCommandSchemas = {
  RecordHearingObservation: HearingObserved.schema.omit({ supervisorId: true }),
  RecordCaseFileReview: CaseFileReviewed.schema.omit({ supervisorId: true, score: true, grade: true, caseType: true }),
  RecordAuthorityOpinion: AuthorityOpinionObtained.schema.omit({ supervisorId: true }),
  RecordFollowUp: AidedPersonFollowedUp.schema.omit({ supervisorId: true }),
  RecordPeerReview: PeerReviewed.schema.omit({ supervisorId: true, grade: true }),
  RecordComplaintHandling: ComplaintHandled.schema.omit({ supervisorId: true }),
};
