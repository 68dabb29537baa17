import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { decideAssignment, noticeCounterKeyFor } from '../../../domain/case/assignment.ts';
import { assignmentCommandSchemas, caseCommandSchemas, type AssignmentCommand, type CaseCommand } from '../../../domain/case/commands.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import { pendingCorrection, type CaseState } from '../../../domain/case/state.ts';
import { fold } from '../../../domain/decider.ts';
import { domainErrorCodes, type DomainErrorCode } from '../../../domain/error-codes.ts';
import { DomainError } from '../../../domain/errors.ts';
import { loadNoticeCounter } from '../../../domain/notice/counter.ts';
import { noticeStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { NoticeEvent } from '../../../events/catalogue/notice-events.ts';
import type { WorkerEvent } from '../../../events/catalogue/worker-events.ts';
import type { Actor } from '../../../events/envelope.ts';
import { AGENCY, BUREAU, reviewer, supervisor } from './fixtures.ts';

// Random command sequences over three cases of one agency, starting just before a new year so that
// notices are numbered on two counters. Whatever the decider accepts is appended; the invariants
// are checked on the streams that result, never on the decider's own helpers.

const HOUR = 3_600_000;
const START = Date.parse('2026-12-20T09:00:00+08:00');
const iso = (ms: number) => new Date(ms).toISOString();

const registered = (workerId: string, agencyId: string, kind: 'lawyer' | 'grassroots-legal-worker', since: string): WorkerEvent => ({
  type: 'AidWorkerRegistered',
  data: {
    workerId,
    agencyId,
    name: workerId,
    kind,
    licenceNumber: '11101200012345678',
    relevantPracticeSince: since,
    firmId: null,
    registeredAt: '2026-01-01T09:00:00+08:00',
  },
});
const workerHistories: Record<string, WorkerEvent[]> = {
  'lawyer-senior': [registered('lawyer-senior', AGENCY, 'lawyer', '2010-01-01')],
  'lawyer-junior': [registered('lawyer-junior', AGENCY, 'lawyer', '2025-01-01')],
  'grassroots-1': [registered('grassroots-1', AGENCY, 'grassroots-legal-worker', '2018-01-01')],
  'lawyer-elsewhere': [registered('lawyer-elsewhere', 'agency:bj-xicheng', 'lawyer', '2010-01-01')],
  'lawyer-retired': [
    registered('lawyer-retired', AGENCY, 'lawyer', '2000-01-01'),
    { type: 'AidWorkerDeactivated', data: { reason: '退休', deactivatedAt: '2026-02-01T09:00:00+08:00' } },
  ],
};
const workerIds = Object.keys(workerHistories);

/** Builds a command at the time it is issued; `state` lets it name what is there (outstanding items, the pending objection). */
type Build = (now: number, caseId: string, state: CaseState) => { type: string; data: unknown; as?: ActorChoice };
type ActorChoice = 'reviewer' | 'assigned' | 'other-lawyer' | 'supervisor';
type Step = { caseIndex: number; advanceHours: number; actor: ActorChoice; build: Build };

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const ago = (now: number, hours: number) => iso(now - hours * HOUR);
const person = { name: '张三', identityNumber: '110101199001011234', priorityGroups: [] };

const start = fc.oneof(
  fc
    .record({
      cf: pick(
        ['labour', 'labour-mediation-arbitration'],
        ['civil', 'litigation-representation'],
        ['criminal', 'criminal-defence'],
        ['labour', 'criminal-defence'],
      ),
      province: pick('11', '33', '34'),
    })
    .map(
      ({ cf, province }): Build =>
        (now, caseId) => ({
          type: 'ReceiveApplication',
          data: {
            caseId,
            agencyId: AGENCY,
            province,
            channel: 'agency-window',
            applicantRole: 'self',
            applicant: person,
            category: cf[0],
            formOfAid: cf[1],
            matter: 'm',
            receivedAt: ago(now, 1),
          },
        }),
    ),
  fc.integer({ min: 0, max: 48 }).map(
    (hours): Build =>
      (now, caseId) => ({
        type: 'ReceiveForwardedApplication',
        data: {
          caseId,
          agencyId: AGENCY,
          province: '11',
          applicantRole: 'close-relative',
          applicant: person,
          category: 'criminal',
          formOfAid: 'criminal-defence',
          matter: 'm',
          forwarder: { kind: 'detention-centre', organisationId: 'detention-centre:bj-1' },
          receivedByForwarderAt: ago(now, hours + 2),
          forwardedAt: ago(now, 1),
          receivedAt: ago(now, 1),
        },
      }),
  ),
  fc
    .record({
      ground: pick(
        'minor',
        'possible-life-imprisonment-or-death',
        'death-penalty-review-applicant',
        'compulsory-medical-respondent',
        'court-discretionary-ordinary-procedure',
      ),
      stage: pick('investigation', 'prosecution-review', 'trial', 'death-penalty-review', 'compulsory-medical'),
      authority: pick('court', 'procuratorate', 'police'),
    })
    .map(
      ({ ground, stage, authority }): Build =>
        (now, caseId) => ({
          type: 'ReceiveDefenceNotification',
          data: {
            caseId,
            agencyId: AGENCY,
            province: '11',
            authority: { kind: authority, organisationId: `${authority}:bj-1` },
            authorityReference: 'ref-1',
            ground,
            stage,
            defendant: { name: '李四', priorityGroups: [] },
            charge: 'c',
            foundAt: ago(now, 30),
            receivedAt: ago(now, 1),
          },
        }),
    ),
);

const simple = (type: string, data: unknown): fc.Arbitrary<Build> => fc.constant(() => ({ type, data }));

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

const review = fc.oneof(
  w(
    1,
    fc.subarray(['身份证', '劳动合同', '工资条'], { minLength: 1 }).map(
      (items): Build =>
        () => ({ type: 'RequestMaterials', data: { items } }),
    ),
  ),
  w(
    2,
    fc.boolean().map(
      (all): Build =>
        (now, _id, state) => {
          const outstanding = state.review?.requests.at(-1)?.outstanding ?? ['身份证'];
          return { type: 'SupplyMaterials', data: { items: all ? outstanding : outstanding.slice(0, 1), suppliedAt: ago(now, 0) } };
        },
    ),
  ),
  w(
    3,
    fc
      .record({
        method: pick('integrity-pledge', 'data-sharing-query'),
        result: pick('within-standard', 'within-standard', 'above-standard'),
      })
      .map(
        (d): Build =>
          () => ({ type: 'AssessMeans', data: { ...d, reference: null } }),
      ),
  ),
  w(
    1,
    pick('good-samaritan-claim', 'abuse-abandonment-domestic-violence-victim', 'state-compensation-after-retrial-acquittal').map(
      (ground): Build =>
        () => ({ type: 'ExemptFromMeansTest', data: { ground, note: '' } }),
    ),
  ),
  w(
    1,
    fc.record({ local: fc.boolean(), proof: pick([], ['证明']) }).map(
      ({ local, proof }): Build =>
        () => ({
          type: 'WaiveMeansCheck',
          data: {
            ground: local
              ? { kind: 'local', code: 'poverty-alleviation-target' }
              : { kind: 'art42', item: 'migrant-worker-wages-or-work-injury' },
            proof,
          },
        }),
    ),
  ),
  w(
    1,
    fc.option(fc.integer({ min: -2, max: 10 })).map(
      (days): Build =>
        (now) => ({
          type: 'ProvideAidBeforeReview',
          data: {
            trigger:
              days === null
                ? { kind: 'preservation-or-advance-execution', measure: 'property-preservation' }
                : { kind: 'limitation-expiring', limitationEndsOn: iso(now + 8 * HOUR + days * 24 * HOUR).slice(0, 10) },
          },
        }),
    ),
  ),
  w(
    4,
    pick('Art 31', 'Art 31', ' ').map(
      (legalBasis): Build =>
        () => ({ type: 'GrantAid', data: { legalBasis } }),
    ),
  ),
  w(
    1,
    fc.record({ legalBasis: pick('Art 34', ' '), reasons: pick('超标准', ' ') }).map(
      (d): Build =>
        () => ({ type: 'RefuseAid', data: d }),
    ),
  ),
  w(
    1,
    pick<Build>(
      () => ({ type: 'WithdrawApplication', data: { note: '' } }),
      () => ({ type: 'TreatApplicationAsWithdrawn', data: {} }),
      () => ({ type: 'TreatApplicationAsWithdrawn', data: {} }),
    ),
  ),
);

const assigning = fc.oneof(
  pick(...workerIds).map(
    (workerId): Build =>
      () => ({ type: 'AssignAidWorker', data: { workerId } }),
  ),
  fc.record({ workerId: pick(...workerIds), complaintId: pick('c1', 'c2') }).map(
    (d): Build =>
      () => ({ type: 'ReplaceAidWorker', data: d }),
  ),
  fc.record({ complaintId: pick('c1', 'c2'), change: fc.boolean() }).map(
    ({ complaintId, change }): Build =>
      (now) => ({ type: 'LodgeComplaint', data: { complaintId, summary: '投诉', requestsChangeOfWorker: change, lodgedAt: ago(now, 0) } }),
  ),
);

const handling = fc.oneof(
  fc.constant<Build>((now) => ({ type: 'RecordClientMeeting', data: { at: ago(now, 0), place: '会见室', summary: '' } })),
  fc.constant<Build>((now) => ({ type: 'ReportProgress', data: { at: ago(now, 0), method: 'phone', summary: '' } })),
  fc.record({ report: fc.boolean(), loss: pick(0, 150_000, -1) }).map(
    ({ report, loss }): Build =>
      (now) => ({
        type: 'CloseCase',
        data: {
          outcome: 'settlement',
          summary: '',
          documents: [report ? { kind: 'handling-report', title: '报告' } : { kind: 'legal-document', title: '文书' }],
          economicLossRecoveredFen: loss,
          closedAt: ago(now, 0),
        },
      }),
  ),
  fc
    .record({
      ground: pick('own-lawyer-retained', 'deception', 'no-longer-financially-eligible', 'other-by-law'),
      reasons: pick('理由', ''),
      legalBasis: pick(null, '条例'),
    })
    .map(
      (d): Build =>
        () => ({ type: 'TerminateAid', data: d }),
    ),
  pick(0, 300_000, 300_001).map(
    (fineFen): Build =>
      () => ({ type: 'RecordDeceptionFinding', data: { findings: '虚假材料', justiceBureauId: BUREAU, repaymentDueFen: 80_000, fineFen } }),
  ),
  simple('ArchiveCase', { fileNumber: 'A-1' }),
  pick('refusal', 'termination').map(
    (against): Build =>
      (now) => ({
        type: 'LodgeObjection',
        data: { objectionId: `o-${now}`, against, grounds: '异议', justiceBureauId: BUREAU, lodgedAt: ago(now, 0) },
      }),
  ),
  pick('upheld', 'correction-ordered').map(
    (decision): Build =>
      (_now, _id, state) => ({
        type: 'DecideObjection',
        data: { objectionId: state.objections.find((o) => o.decision === null)?.objectionId ?? 'none', decision, reasons: '理由' },
      }),
  ),
  fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 3 }).map(
    (points): Build =>
      (now) => ({
        type: 'RecordCaseFileReview',
        data: { at: ago(now, 0), remarks: '', deductions: points.map((p) => ({ item: 'i', points: p })) },
      }),
  ),
  pick('c1', 'c2').map(
    (complaintId): Build =>
      (now) => ({
        type: 'RecordComplaintHandling',
        data: { at: ago(now, 0), remarks: '', complaintId, finding: 'unsubstantiated', action: '答复' },
      }),
  ),
);

/** The next step of an ordinary case at its stage, so that random sequences reach assignment and closing often. */
const advance = pick('lawyer-senior', 'lawyer-junior', 'grassroots-1').map(
  (workerId): Build =>
    (now, caseId, state) => {
      const open = state.review?.requests.at(-1);
      if (state.status === 'none') {
        return {
          type: 'ReceiveApplication',
          data: {
            caseId,
            agencyId: AGENCY,
            province: '11',
            channel: 'online',
            applicantRole: 'self',
            applicant: person,
            category: 'civil',
            formOfAid: 'litigation-representation',
            matter: 'm',
            receivedAt: ago(now, 0),
          },
        };
      }
      if (state.status === 'under-review' && open && !open.completedAt)
        return { type: 'SupplyMaterials', data: { items: open.outstanding, suppliedAt: ago(now, 0) } };
      if (state.status === 'under-review' && state.review?.means === 'unsettled')
        return { type: 'AssessMeans', data: { method: 'data-sharing-query', result: 'within-standard', reference: null } };
      if (state.status === 'under-review') return { type: 'GrantAid', data: { legalBasis: 'Art 31' } };
      if (state.status === 'awaiting-assignment') return { type: 'AssignAidWorker', data: { workerId } };
      const complaint = state.complaints.find((c) => c.requestsChangeOfWorker && !c.actedOn && c.workerId === state.assignment?.workerId);
      if (state.status === 'in-progress' && complaint) {
        return {
          type: 'ReplaceAidWorker',
          data: {
            workerId: complaint.workerId === 'lawyer-senior' ? 'lawyer-junior' : 'lawyer-senior',
            complaintId: complaint.complaintId,
          },
        };
      }
      if (state.status === 'in-progress' && state.handling.progressReports < 3)
        return { type: 'ReportProgress', data: { at: ago(now, 0), method: 'written', summary: '' }, as: 'assigned' };
      return {
        type: 'CloseCase',
        data: {
          outcome: 'judgment-or-ruling',
          summary: '',
          documents: [{ kind: 'handling-report', title: '报告' }],
          economicLossRecoveredFen: 500_000,
          closedAt: ago(now, 0),
        },
        as: 'assigned',
      };
    },
);

/** Complaints, replacements and objections where the case has something to dispute. */
const dispute = fc
  .record({
    workerId: pick('lawyer-senior', 'lawyer-junior', 'grassroots-1'),
    decision: pick('upheld', 'correction-ordered'),
    escalate: fc.boolean(),
  })
  .map(
    ({ workerId, decision, escalate }): Build =>
      (now, _caseId, state) => {
        const pending = state.objections.find((o) => o.decision === null);
        if (pending) return { type: 'DecideObjection', data: { objectionId: pending.objectionId, decision, reasons: '经审查' } };
        // A correction order against a termination: the agency reinstates, or terminates anew.
        if (pendingCorrection(state)?.against === 'termination' && !escalate) return { type: 'ReinstateAid', data: {} };
        if (state.status === 'refused' && escalate) {
          return {
            type: 'TransmitObjection',
            data: { objectionId: `o-${now}`, against: 'refusal', grounds: '异议', justiceBureauId: BUREAU, receivedAt: ago(now, 1) },
          };
        }
        if (state.status === 'refused' || (state.status === 'terminated' && !pendingCorrection(state))) {
          return {
            type: 'LodgeObjection',
            data: {
              objectionId: `o-${now}`,
              against: state.status === 'refused' ? 'refusal' : 'termination',
              grounds: '异议',
              justiceBureauId: BUREAU,
              lodgedAt: ago(now, 0),
            },
          };
        }
        if (escalate && state.status === 'under-review')
          return { type: 'RefuseAid', data: { legalBasis: 'Art 31', reasons: '不属于援助范围' } };
        if (escalate)
          return {
            type: 'TerminateAid',
            data: { ground: 'aided-person-request-with-good-reason', reasons: '受援人要求终止', legalBasis: null },
          };
        const open = state.complaints.find((c) => c.requestsChangeOfWorker && !c.actedOn && c.workerId === state.assignment?.workerId);
        if (open)
          return {
            type: 'ReplaceAidWorker',
            data: { workerId: workerId === open.workerId ? 'lawyer-senior' : workerId, complaintId: open.complaintId },
          };
        return {
          type: 'LodgeComplaint',
          data: { complaintId: `c-${now}`, summary: '要求更换', requestsChangeOfWorker: true, lodgedAt: ago(now, 0) },
        };
      },
  );

const step: fc.Arbitrary<Step> = fc.record({
  caseIndex: fc.integer({ min: 0, max: 2 }),
  advanceHours: fc.integer({ min: 0, max: 72 }),
  actor: pick<ActorChoice>('reviewer', 'assigned', 'assigned', 'other-lawyer', 'supervisor'),
  build: fc.oneof(w(1, start), w(4, review), w(3, assigning), w(4, handling), w(8, advance), w(5, dispute)),
});

const afterEnd = new Set([
  'CaseArchived',
  'ObjectionLodged',
  'ObjectionDecided',
  'AidReinstated',
  'HearingObserved',
  'CaseFileReviewed',
  'AuthorityOpinionObtained',
  'AidedPersonFollowedUp',
  'PeerReviewed',
  'ComplaintHandled',
]);
const supervisionTypes = new Set([
  'HearingObserved',
  'CaseFileReviewed',
  'AuthorityOpinionObtained',
  'AidedPersonFollowedUp',
  'PeerReviewed',
  'ComplaintHandled',
]);

const commandSchemas: Record<string, z.ZodType> = { ...caseCommandSchemas, ...assignmentCommandSchemas };

type World = { cases: CaseEvent[][]; counters: Map<string, NoticeEvent[]>; refusals: DomainError[] };

const opening = (build: Build, caseIndex: number): Step => ({ caseIndex, advanceHours: 0, actor: 'reviewer', build });

const scenario = fc
  .tuple(start, start, start, fc.array(step, { minLength: 10, maxLength: 80 }))
  .map(([a, b, c, steps]) => [opening(a, 0), opening(b, 1), opening(c, 2), ...steps]);

const run = (steps: Step[]): World => {
  const world: World = { cases: [[], [], []], counters: new Map(), refusals: [] };
  let now = START;
  for (const s of steps) {
    now += s.advanceHours * HOUR;
    const caseId = `case-${s.caseIndex}`;
    const history = world.cases[s.caseIndex]!;
    const state = fold(caseDecider, history);
    const raw = s.build(now, caseId, state);
    const as = raw.as ?? s.actor;
    const actorId = as === 'assigned' ? (state.assignment?.workerId ?? 'lawyer-senior') : as === 'other-lawyer' ? 'lawyer-junior' : null;
    const actor: Actor = actorId ? { id: actorId, role: 'aid-worker', organisation: AGENCY } : as === 'supervisor' ? supervisor : reviewer;
    const context = { now: iso(now), actor };
    // Commands arrive parsed by their schema, as the HTTP layer parses them: what fails there is a 400, not a decision.
    const parsed = commandSchemas[raw.type]!.safeParse(raw.data);
    if (!parsed.success) continue;
    const command = { type: raw.type, data: parsed.data };
    try {
      if (command.type in assignmentCommandSchemas) {
        const key = noticeCounterKeyFor(state, context.now);
        const stream = noticeStream(key.agencyId, key.year);
        const stubs = world.counters.get(stream) ?? [];
        const workerId = (command.data as { workerId: string }).workerId;
        const worker = fold(workerDecider, workerHistories[workerId] ?? []);
        const decision = decideAssignment(command as AssignmentCommand, state, loadNoticeCounter(key, stubs), worker, context);
        history.push(...decision.case);
        world.counters.set(stream, [...stubs, ...decision.notice]);
      } else {
        history.push(...caseDecider.decide(command as CaseCommand, state, context));
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      world.refusals.push(error);
    }
  }
  return world;
};

const checkInvariants = (world: World) => {
  // Every refusal carries a known code and the rule the table gives it.
  for (const r of world.refusals) {
    expect(Object.hasOwn(domainErrorCodes, r.code), r.code).toBe(true);
    expect(r.rule).toBe(domainErrorCodes[r.code as DomainErrorCode].rule);
  }

  const numbered: string[] = [];
  for (const history of world.cases) {
    let aidBasisSeen = false;
    let ended: 'closed' | 'terminated' | 'refused' | 'withdrawn' | 'archived' | null = null;
    let terminationCorrected = false;
    for (const [i, event] of history.entries()) {
      // Every event is what its catalogue schema stores, unchanged by parsing.
      const definition = catalogue.get(event.type)!;
      expect(definition.schema.parse(event.data)).toEqual(event.data);
      if (i === 0) expect(['ApplicationReceived', 'ForwardedApplicationReceived', 'DefenceNotificationReceived']).toContain(event.type);
      else expect(['ApplicationReceived', 'ForwardedApplicationReceived', 'DefenceNotificationReceived']).not.toContain(event.type);

      if (ended === 'archived') expect(supervisionTypes.has(event.type), `${event.type} after archiving`).toBe(true);
      else if (ended === 'terminated' && terminationCorrected)
        expect(afterEnd.has(event.type) || event.type === 'AidTerminated', `${event.type} after a corrected termination`).toBe(true);
      else if (ended) expect(afterEnd.has(event.type), `${event.type} after ${ended}`).toBe(true);

      switch (event.type) {
        case 'ObjectionDecided':
          // A correction order returns the case to the agency: a refusal's review reopens; a termination awaits reinstatement or a new one.
          if (event.data.decision === 'correction-ordered' && ended === 'refused') ended = null;
          if (event.data.decision === 'correction-ordered' && ended === 'terminated') terminationCorrected = true;
          break;
        case 'AidGranted':
          expect(event.data.grantedBy).toBe('agency');
          aidBasisSeen = true;
          break;
        case 'DefenceNotificationReceived':
        case 'AidProvidedBeforeReview':
          aidBasisSeen = true;
          break;
        case 'AidWorkerAssigned':
        case 'AidWorkerReplaced':
          expect(aidBasisSeen, 'assignment without a grant, a notification or Art 44 aid').toBe(true);
          numbered.push(`${event.data.noticeAgencyId}#${event.data.noticeYear}#${event.data.noticeNumber}`);
          break;
        case 'AidRefused':
          expect(event.data.legalBasis.trim()).not.toBe('');
          expect(event.data.reasons.trim()).not.toBe('');
          ended = 'refused';
          break;
        case 'AidTerminated':
          expect(event.data.legalBasis.trim()).toMatch(/^Art 48\(\d\)/);
          expect(event.data.reasons.trim()).not.toBe('');
          ended = 'terminated';
          terminationCorrected = false;
          break;
        case 'CaseClosed':
          expect(event.data.documents.some((d) => d.kind === 'handling-report')).toBe(true);
          ended = 'closed';
          break;
        case 'ApplicationWithdrawn':
          ended = 'withdrawn';
          break;
        case 'AidReinstated':
          expect(terminationCorrected, 'reinstated without a correction order').toBe(true);
          terminationCorrected = false;
          ended = null;
          break;
        case 'CaseArchived':
          ended = 'archived';
          break;
        default:
      }
    }
  }

  // Notice numbers: each counter stream's stub n is at version n, and every numbered assignment has exactly one stub.
  const stubbed: string[] = [];
  for (const [stream, stubs] of world.counters) {
    stubs.forEach((stub, i) => {
      expect(stub.data.noticeNumber, `${stream} version ${i + 1}`).toBe(i + 1);
      stubbed.push(`${stub.data.agencyId}#${stub.data.year}#${stub.data.noticeNumber}`);
    });
  }
  expect(new Set(numbered).size).toBe(numbered.length);
  expect([...numbered].sort()).toEqual([...stubbed].sort());
};

describe('random command sequences keep the invariants', () => {
  it('holds versions, assignment bases, the end of a case, bases of refusals and terminations, and notice numbering', () => {
    let assignments = 0;
    let endings = 0;
    let replacements = 0;
    let objections = 0;
    let redecisions = 0;
    const counterStreams = new Set<string>();
    fc.assert(
      fc.property(scenario, (steps) => {
        const world = run(steps);
        checkInvariants(world);
        assignments += world.cases.flat().filter((e) => e.type === 'AidWorkerAssigned').length;
        endings += world.cases.flat().filter((e) => e.type === 'CaseClosed' || e.type === 'AidTerminated').length;
        replacements += world.cases.flat().filter((e) => e.type === 'AidWorkerReplaced').length;
        objections += world.cases.flat().filter((e) => e.type === 'ObjectionDecided').length;
        redecisions += world.cases
          .flat()
          .filter((e) => e.type === 'AidReinstated' || (e.type === 'AidGranted' && e.data.objectionId)).length;
        for (const stream of world.counters.keys()) counterStreams.add(stream);
      }),
      { numRuns: 200, seed: 20260301 },
    );
    // The generators must reach the interesting states, or the invariants hold vacuously.
    expect(assignments).toBeGreaterThan(60);
    expect(replacements).toBeGreaterThan(5);
    expect(endings).toBeGreaterThan(30);
    expect(objections).toBeGreaterThan(20);
    expect(redecisions).toBeGreaterThan(3);
    expect(counterStreams).toEqual(new Set([`notice#${AGENCY}#2026`, `notice#${AGENCY}#2027`]));
  });
});
