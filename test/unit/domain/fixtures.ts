import type * as z from 'zod';
import { caseDecider } from '../../../domain/case/decider.ts';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import type { CaseContext } from '../../../domain/case/context.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import { fold } from '../../../domain/decider.ts';
import type { WorkerState } from '../../../domain/worker/state.ts';
import type { ApplicationReceived, DefenceNotificationReceived } from '../../../events/catalogue/applying-events.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { Actor } from '../../../events/envelope.ts';
import { deciderSpec } from '../../support/decider-spec.ts';

// Test data only: names and identity numbers are fictitious.

/** A China-time instant: T('2026-03-02 09:00') is 09:00 on 2 March 2026 in Beijing. */
export const T = (local: string): string => `${local.replace(' ', 'T')}:00+08:00`;

export const AGENCY = 'agency:bj-dongcheng';
export const BUREAU = 'justice-bureau:bj-dongcheng';
export const reviewer: Actor = { id: 'reviewer-1', role: 'agency-reviewer', organisation: AGENCY };
export const lawyerActor = (id = 'lawyer-wang'): Actor => ({ id, role: 'aid-worker', organisation: AGENCY });
export const supervisor: Actor = { id: 'supervisor-zhao', role: 'supervisor', organisation: AGENCY };

export const RECEIVED_AT = T('2026-03-02 09:00');

export const applicationData = (
  over: Partial<z.infer<typeof ApplicationReceived.schema>> = {},
): z.infer<typeof ApplicationReceived.schema> => ({
  caseId: 'case-1',
  agencyId: AGENCY,
  province: '11',
  channel: 'agency-window',
  applicantRole: 'self',
  applicant: { name: '张三', identityNumber: '110101199001011234', priorityGroups: ['migrant-worker'] },
  category: 'labour',
  formOfAid: 'labour-mediation-arbitration',
  matter: '拖欠工资 8 个月',
  receivedAt: RECEIVED_AT,
  consultationId: null,
  ...over,
});

export const received = (over: Partial<z.infer<typeof ApplicationReceived.schema>> = {}): CaseEvent => ({
  type: 'ApplicationReceived',
  data: applicationData(over),
});

/** An application a detention centre received on 1 March 09:00 and forwarded at `forwardedAt`. */
export const forwarded = (forwardedAt: string): CaseEvent => {
  const { channel: _c, consultationId: _l, ...application } = applicationData();
  return {
    type: 'ForwardedApplicationReceived',
    data: {
      ...application,
      forwarder: { kind: 'detention-centre', organisationId: 'detention-centre:bj-1' },
      receivedByForwarderAt: T('2026-03-01 09:00'),
      forwardedAt,
      allowedForwardingHours: 24,
      lateForwarding: false,
    },
  };
};

export const notificationData = (
  over: Partial<z.infer<typeof DefenceNotificationReceived.schema>> = {},
): z.infer<typeof DefenceNotificationReceived.schema> => ({
  caseId: 'case-2',
  agencyId: AGENCY,
  province: '11',
  authority: { kind: 'court', organisationId: 'court:bj-dongcheng' },
  authorityReference: '(2026)京0101刑初12号',
  ground: 'minor',
  stage: 'trial',
  defendant: { name: '李四', priorityGroups: ['minor'] },
  charge: '盗窃',
  foundAt: T('2026-03-01 10:00'),
  receivedAt: RECEIVED_AT,
  formOfAid: 'criminal-defence',
  allowedNotificationDays: 3,
  lateNotification: false,
  ...over,
});

export const notified = (over: Partial<z.infer<typeof DefenceNotificationReceived.schema>> = {}): CaseEvent => ({
  type: 'DefenceNotificationReceived',
  data: notificationData(over),
});

export const meansWithin = (at = T('2026-03-02 10:00')): CaseEvent => ({
  type: 'MeansAssessed',
  data: { method: 'integrity-pledge', result: 'within-standard', reference: null, assessedAt: at },
});

export const granted = (at = T('2026-03-03 09:00')): CaseEvent => ({
  type: 'AidGranted',
  data: { legalBasis: 'Art 31(5)', grantedBy: 'agency', objectionId: null, decidedAt: at },
});

export const assigned = (
  workerId = 'lawyer-wang',
  noticeNumber = 1,
  at = T('2026-03-04 09:00'),
  basis: 'grant' | 'notification' | 'aid-before-review' = 'grant',
): CaseEvent => ({
  type: 'AidWorkerAssigned',
  data: {
    workerId,
    workerKind: 'lawyer',
    noticeAgencyId: AGENCY,
    noticeYear: 2026,
    noticeNumber,
    notifiedAuthority: null,
    basis,
    assignedAt: at,
  },
});

/** An application received, means within the standard, granted and assigned to lawyer-wang. */
export const inProgress = (): CaseEvent[] => [received(), meansWithin(), granted(), assigned()];

export const handlingReport = { kind: 'handling-report', title: '结案报告' } as const;

export const closed = (at = T('2026-05-10 09:00')): CaseEvent => ({
  type: 'CaseClosed',
  data: {
    workerId: 'lawyer-wang',
    outcome: 'arbitration-award',
    summary: '',
    documents: [handlingReport],
    economicLossRecoveredFen: 1_000_000,
    closedAt: at,
  },
});

export const terminated = (at = T('2026-04-01 09:00')): CaseEvent => ({
  type: 'AidTerminated',
  data: { ground: 'own-lawyer-retained', legalBasis: 'Art 48(6)', reasons: '受援人自行委托律师', terminatedAt: at },
});

export const refused = (at = T('2026-03-03 09:00')): CaseEvent => ({
  type: 'AidRefused',
  data: { legalBasis: 'Art 34', reasons: '经济状况超过标准', decidedAt: at },
});

export const context = (now = T('2026-03-05 09:00'), actor: Actor = reviewer): CaseContext => ({ now, actor });

export const caseSpec = deciderSpec(caseDecider, context());

export const stateOf = (events: readonly CaseEvent[]): CaseState => fold(caseDecider, events);

export const decide = (events: readonly CaseEvent[], command: CaseCommand, ctx: CaseContext = context()): CaseEvent[] =>
  caseDecider.decide(command, stateOf(events), ctx);

export const lawyer = (over: Partial<WorkerState> = {}): WorkerState => ({
  status: 'active',
  workerId: 'lawyer-wang',
  agencyId: AGENCY,
  name: '王律师',
  kind: 'lawyer',
  licenceNumber: '11101201510123456',
  relevantPracticeSince: '2015-07-01',
  firmId: null,
  ...over,
});
