import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { catalogue } from '../../events/catalogue/index.ts';
import type { Actor } from '../../events/envelope.ts';
import { createEventStore, type NewEvent } from '../../functions/lib/event-store/event-store.ts';

// The one place that builds a long case for the audit tests. It uses the lifecycle event types of
// the catalogue (review, grant, assignment, handling, complaint, supervision, closing, archiving);
// if those change, this is the file to adapt. Every event is validated against the catalogue here,
// so a schema change fails loudly at construction rather than later in the fold.

const reviewer: Actor = { id: 'reviewer-hz-01', role: 'agency-reviewer', organisation: 'agency:hz-xihu' };
const lawyer: Actor = { id: 'lawyer-wang', role: 'aid-worker', organisation: 'agency:hz-xihu' };
const lawyerLi: Actor = { id: 'lawyer-li', role: 'aid-worker', organisation: 'agency:hz-xihu' };
const supervisor: Actor = { id: 'supervisor-zhao', role: 'supervisor', organisation: 'agency:hz-xihu' };

/** When each lifecycle event happened in the world: all well before it was recorded (entered late). */
const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}T10:00:00+08:00`;

type Step = { actor: Actor; workstation: string | null; type: string; data: Record<string, unknown> };

/** Events 2..20 of a labour case received by POST /applications (event 1). */
export const lifecycleSteps = (): Step[] => {
  const notice = { workerKind: 'lawyer', noticeAgencyId: 'agency:hz-xihu', noticeYear: 2026, notifiedAuthority: null };
  return [
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'MaterialsRequested',
      data: { items: ['收入证明', '劳动合同'], requestedAt: day(2) },
    },
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'MaterialsSupplied',
      data: { items: ['收入证明', '劳动合同'], suppliedAt: day(3) },
    },
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'MeansAssessed',
      data: { method: 'integrity-pledge', result: 'within-standard', reference: null, assessedAt: day(4) },
    },
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'AidGranted',
      data: { legalBasis: '《法律援助法》第三十一条、第四十三条', grantedBy: 'agency', objectionId: null, decidedAt: day(5) },
    },
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'AidWorkerAssigned',
      data: { ...notice, workerId: 'lawyer-wang', noticeNumber: 17, basis: 'grant', assignedAt: day(6) },
    },
    {
      actor: lawyer,
      workstation: null,
      type: 'ClientMeetingHeld',
      data: { workerId: 'lawyer-wang', at: day(7), summary: '首次会见，核实欠薪事实', place: '西湖区法律援助中心' },
    },
    {
      actor: lawyer,
      workstation: null,
      type: 'CaseFileRead',
      data: { workerId: 'lawyer-wang', at: day(8), summary: '查阅仲裁案卷', authorityId: 'arbitration:hz-xihu' },
    },
    {
      actor: lawyer,
      workstation: null,
      type: 'ProgressReported',
      data: { workerId: 'lawyer-wang', at: day(9), summary: '告知仲裁进展', method: 'phone' },
    },
    {
      actor: lawyer,
      workstation: null,
      type: 'HearingAttended',
      data: { workerId: 'lawyer-wang', at: day(10), summary: '出庭', courtId: 'arbitration:hz-xihu' },
    },
    {
      actor: lawyer,
      workstation: null,
      type: 'ProgressReported',
      data: { workerId: 'lawyer-wang', at: day(11), summary: '告知开庭情况', method: 'written' },
    },
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'ComplaintLodged',
      data: {
        complaintId: 'complaint-1',
        workerId: 'lawyer-wang',
        summary: '受援人要求更换律师',
        requestsChangeOfWorker: true,
        lodgedAt: day(12),
      },
    },
    {
      actor: reviewer,
      workstation: 'agency-window-1',
      type: 'AidWorkerReplaced',
      data: {
        ...notice,
        workerId: 'lawyer-li',
        noticeNumber: 18,
        complaintId: 'complaint-1',
        previousWorkerId: 'lawyer-wang',
        replacedAt: day(13),
      },
    },
    {
      actor: lawyerLi,
      workstation: null,
      type: 'ClientMeetingHeld',
      data: { workerId: 'lawyer-li', at: day(14), summary: '会见受援人', place: '西湖区法律援助中心' },
    },
    {
      actor: lawyerLi,
      workstation: null,
      type: 'HearingAttended',
      data: { workerId: 'lawyer-li', at: day(15), summary: '出庭', courtId: 'arbitration:hz-xihu' },
    },
    {
      actor: lawyerLi,
      workstation: null,
      type: 'ProgressReported',
      data: { workerId: 'lawyer-li', at: day(16), summary: '告知裁决结果', method: 'in-person' },
    },
    {
      actor: supervisor,
      workstation: null,
      type: 'HearingObserved',
      data: { supervisorId: 'supervisor-zhao', at: day(17), remarks: '辩论充分', courtId: 'arbitration:hz-xihu', score: 92 },
    },
    {
      actor: lawyerLi,
      workstation: null,
      type: 'CaseClosed',
      data: {
        workerId: 'lawyer-li',
        outcome: 'arbitration-award',
        summary: '裁决支持全部请求',
        documents: [{ kind: 'arbitration-award', title: '仲裁裁决书' }],
        economicLossRecoveredFen: 4_800_000,
        closedAt: day(18),
      },
    },
    {
      actor: supervisor,
      workstation: null,
      type: 'CaseFileReviewed',
      data: { supervisorId: 'supervisor-zhao', at: day(19), remarks: '案卷完整', deductions: [], score: 95, grade: 'excellent' },
    },
    { actor: reviewer, workstation: 'agency-window-1', type: 'CaseArchived', data: { fileNumber: '2026-XH-0017', archivedAt: day(20) } },
  ];
};

export const RECORD_STEP_MS = 60_000;

/**
 * Appends lifecycle events 2..`upTo` to a case whose event 1 is stored, one append each, recorded
 * RECORD_STEP_MS apart after `firstRecordedAt` (so every event has its own moment on the recordedAt
 * axis), each having occurred days before it was recorded (so the occurredAt axis would answer
 * differently). Returns the recordedAt of every event 2..upTo.
 */
export const appendLifecycle = async ({
  client,
  tableName,
  caseId,
  firstRecordedAt,
  upTo = 20,
}: {
  client: DynamoDBClient;
  tableName: string;
  caseId: string;
  firstRecordedAt: string;
  upTo?: number;
}) => {
  let now = Date.parse(firstRecordedAt);
  const store = createEventStore({ client, tableName, clock: () => new Date(now) });
  const stream = `case#${caseId}`;
  const recorded: string[] = [];
  for (const [i, step] of lifecycleSteps()
    .slice(0, upTo - 1)
    .entries()) {
    const definition = catalogue.get(step.type);
    if (!definition) throw new Error(`the catalogue has no ${step.type}: adapt test/support/audit-case.ts`);
    const parsed = definition.schema.safeParse(step.data);
    if (!parsed.success)
      throw new Error(
        `${step.type} data no longer fits the catalogue (${parsed.error.issues[0]?.path.join('.')}): adapt test/support/audit-case.ts`,
      );
    now += RECORD_STEP_MS;
    const event: NewEvent = {
      type: step.type,
      schemaVersion: definition.version,
      data: parsed.data as Record<string, unknown>,
      occurredAt: day(i + 2),
    };
    const result = await store.append(stream, i + 1, [event], {
      actor: step.actor,
      workstation: step.workstation,
      correlationId: `audit-test-${caseId}-${i + 2}`,
    });
    recorded.push(result.events[0]!.recordedAt);
  }
  return recorded;
};
