import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { Category, CriminalStage, FormOfAid } from '../../events/catalogue/vocabulary.ts';
import type { QualityGrade } from './rate-table.ts';

/** What the subsidy of a case depends on, folded from its events (by the funding projection and the approval alike). */
export type FundingCaseFacts = {
  caseId: string | null;
  agencyId: string | null;
  province: string | null;
  category: Category | null;
  formOfAid: FormOfAid | null;
  /** The criminal stage of a notified defence; null for applications. */
  stage: CriminalStage | null;
  /** The relevant date of the rate table: the first assignment. */
  firstAssignedAt: string | null;
  /** The aid worker assigned now. */
  workerId: string | null;
  closedAt: string | null;
  /** The worker who closed the case: the subsidy is theirs. */
  closedByWorkerId: string | null;
  terminatedAt: string | null;
  /** The grade of the latest file review (案卷检查), which adjusts the subsidy. */
  fileReviewGrade: QualityGrade | null;
  fileReviewedAt: string | null;
};

export const initialFundingCaseFacts = (): FundingCaseFacts => ({
  caseId: null,
  agencyId: null,
  province: null,
  category: null,
  formOfAid: null,
  stage: null,
  firstAssignedAt: null,
  workerId: null,
  closedAt: null,
  closedByWorkerId: null,
  terminatedAt: null,
  fileReviewGrade: null,
  fileReviewedAt: null,
});

/** Events of other types leave the facts as they are. */
export const evolveFundingCaseFacts = (f: FundingCaseFacts, event: CaseEvent): FundingCaseFacts => {
  switch (event.type) {
    case 'ApplicationReceived':
    case 'ForwardedApplicationReceived': {
      const d = event.data;
      return {
        ...f,
        caseId: d.caseId,
        agencyId: d.agencyId,
        province: d.province,
        category: d.category,
        formOfAid: d.formOfAid,
        stage: null,
      };
    }
    case 'DefenceNotificationReceived': {
      const d = event.data;
      return {
        ...f,
        caseId: d.caseId,
        agencyId: d.agencyId,
        province: d.province,
        category: 'criminal',
        formOfAid: d.formOfAid,
        stage: d.stage,
      };
    }
    case 'AidWorkerAssigned':
      return { ...f, workerId: event.data.workerId, firstAssignedAt: f.firstAssignedAt ?? event.data.assignedAt };
    case 'AidWorkerReplaced':
      return { ...f, workerId: event.data.workerId };
    case 'CaseClosed':
      return { ...f, closedAt: event.data.closedAt, closedByWorkerId: event.data.workerId };
    case 'AidTerminated':
      return { ...f, terminatedAt: event.data.terminatedAt };
    case 'AidReinstated':
      return { ...f, terminatedAt: null };
    case 'CaseFileReviewed':
      // The latest review counts; reviews recorded out of time order keep the later one.
      return f.fileReviewedAt !== null && Date.parse(event.data.at) < Date.parse(f.fileReviewedAt)
        ? f
        : { ...f, fileReviewGrade: event.data.grade, fileReviewedAt: event.data.at };
    default:
      return f;
  }
};
