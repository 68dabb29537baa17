import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { NoticeEvent } from '../../events/catalogue/notice-events.ts';
import { refuse } from '../error-codes.ts';
import type { NoticeCounter } from '../notice/counter.ts';
import { assertLegacyNumberFree, legacySequenceOf, type LegacyNoticeClaim } from '../notice/legacy.ts';
import type { Registry } from '../organisation/registry.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { chinaDateOf, chinaYearOf, fullYearsSince } from '../time/calendar.ts';
import type { WorkerState } from '../worker/state.ts';
import type { AssignmentCommand } from './commands.ts';
import { citingRulesOf } from '../rules/cite.ts';
import { ruleSetOfCase, ruleSetOfCaseIfAny, type CaseContext } from './context.ts';
import { admit } from './lifecycle.ts';
import { aidAvailable, type CaseState } from './state.ts';

/** One decision, two streams: the handler appends both with `appendMany`, each at the version it loaded. */
export type AssignmentDecision = { case: CaseEvent[]; notice: NoticeEvent[] };

/**
 * The agency that acts for the case's agency on the date: itself, or (with the registry) the agency
 * it has since merged into, which holds its records and issues its notices.
 */
export const actingAgencyOf = (agencyId: string, now: string, registry: Registry | undefined): string =>
  registry ? registry.resolve(agencyId, chinaDateOf(now)) : agencyId;

/**
 * Which counter an assignment made now numbers from: the acting agency's on the date of the act
 * (after Jianggan merged into Shangcheng, Shangcheng's), in the China year of now.
 */
export const noticeCounterKeyFor = (state: CaseState, now: string, registry?: Registry): Pick<NoticeCounter, 'agencyId' | 'year'> => {
  if (!state.agencyId) throw refuse('CASE_NOT_FOUND', 'the case has not been received');
  return { agencyId: actingAgencyOf(state.agencyId, now, registry), year: chinaYearOf(now) };
};

/** Art 26: possible life imprisonment or death, and death-penalty review. */
const needsSeniorLawyer = (state: CaseState): boolean =>
  state.origin?.kind === 'notification' &&
  (state.origin.ground === 'possible-life-imprisonment-or-death' ||
    state.origin.ground === 'death-penalty-review-applicant' ||
    state.origin.stage === 'death-penalty-review');

/** Notified defence and criminal defence are a lawyer's work (Art 25); grassroots legal workers do the rest. */
const needsLawyer = (state: CaseState): boolean => state.origin?.kind === 'notification' || state.formOfAid === 'criminal-defence';

const checkWorker = (
  state: CaseState,
  worker: WorkerState,
  workerId: string,
  rules: RuleSet,
  context: CaseContext,
): WorkerState & { kind: NonNullable<WorkerState['kind']> } => {
  const now = context.now;
  if (worker.status === 'none' || worker.workerId !== workerId || !worker.kind)
    throw refuse('WORKER_NOT_FOUND', `no aid worker ${workerId}`, 'workerId');
  // After a merger the successor's workers take the absorbed agency's cases: both sides resolved on the day.
  const caseAgency = actingAgencyOf(state.agencyId!, now, context.registry);
  if (!worker.agencyId || actingAgencyOf(worker.agencyId, now, context.registry) !== caseAgency)
    throw refuse('WORKER_OF_OTHER_AGENCY', `${workerId} works for ${worker.agencyId}, not ${caseAgency}`, 'workerId');
  if (worker.status !== 'active') throw refuse('WORKER_INACTIVE', `${workerId} is not active`, 'workerId');
  if (needsLawyer(state) && worker.kind !== 'lawyer') throw refuse('LAWYER_REQUIRED', 'this defence is given by a lawyer', 'workerId');
  // A set with no floor (null: the rules of the time named none) checks no years of practice.
  if (needsSeniorLawyer(state) && rules.art26MinYearsExperience !== null) {
    const years = worker.relevantPracticeSince ? fullYearsSince(worker.relevantPracticeSince, now) : 0;
    if (years < rules.art26MinYearsExperience) {
      throw refuse(
        'ART26_EXPERIENCE_REQUIRED',
        `${workerId} has ${years} years of relevant practice; ${rules.art26MinYearsExperience} are required`,
        'workerId',
      );
    }
  }
  return { ...worker, kind: worker.kind };
};

const basisOf = (state: CaseState) =>
  state.origin?.kind === 'notification' ? 'notification' : state.review?.decision === 'granted' ? 'grant' : 'aid-before-review';

/**
 * Assigns an aid worker, or replaces one after a complaint, under the next notice number of the
 * counter it is given. The caller loads the counter named by `noticeCounterKeyFor(state, now)`.
 * An imported notice (`legacy`) keeps the number it was printed with, in its legacy space
 * (notice/legacy.ts), and leaves the counter alone. Its refusals cite the rules in force on the
 * case's receipt (domain/rules/cite.ts).
 */
export const decideAssignment = (
  command: AssignmentCommand,
  state: CaseState,
  counter: NoticeCounter,
  worker: WorkerState,
  context: CaseContext,
  legacy?: LegacyNoticeClaim,
): AssignmentDecision =>
  citingRulesOf(ruleSetOfCaseIfAny(state, context), () => decideAssignmentUnderRules(command, state, counter, worker, context, legacy));

const decideAssignmentUnderRules = (
  command: AssignmentCommand,
  state: CaseState,
  counter: NoticeCounter,
  worker: WorkerState,
  context: CaseContext,
  legacy: LegacyNoticeClaim | undefined,
): AssignmentDecision => {
  admit(command.type, state);
  const key = noticeCounterKeyFor(state, context.now, context.registry);
  if (!legacy && (counter.agencyId !== key.agencyId || counter.year !== key.year)) {
    throw refuse(
      'NOTICE_COUNTER_MISMATCH',
      `this assignment is numbered on ${key.agencyId}/${key.year}, not ${counter.agencyId}/${counter.year}`,
    );
  }
  const rules = ruleSetOfCase(state, context);
  const caseId = state.caseId!;
  if (legacy) assertLegacyNumberFree(legacy, caseId);
  const noticeNumber = legacy ? legacySequenceOf(legacy.notice.printed) : counter.lastNumber + 1;
  const notice = {
    noticeAgencyId: key.agencyId,
    noticeYear: key.year,
    noticeNumber,
    notifiedAuthority: state.notifiedAuthority,
    ...(legacy ? { legacyNotice: legacy.notice } : {}),
  };
  // The numbered stub the agency keeps of every notice it issues, a replacement's included.
  const stubOf = (workerId: string, replacesWorkerId: string | null): NoticeEvent => {
    const stub = { agencyId: key.agencyId, year: key.year, noticeNumber, caseId, workerId, replacesWorkerId, issuedAt: context.now };
    return legacy
      ? { type: 'LegacyNoticeStubFiled', data: { ...stub, system: legacy.notice.system, printedNoticeNumber: legacy.notice.printed } }
      : { type: 'AssignmentNoticeStubFiled', data: stub };
  };

  // Art 36: the notifying authority is told who defends, with the firm's public contacts from the registry.
  const toldOf = (w: WorkerState): CaseEvent[] => {
    if (state.origin?.kind !== 'notification') return [];
    const date = chinaDateOf(context.now);
    const firmId = w.firmId ?? key.agencyId;
    return [
      {
        type: 'AuthorityToldOfAssignedLawyer',
        data: {
          authorityId: state.origin.authority.organisationId,
          workerId: w.workerId!,
          lawyerName: w.name ?? w.workerId!,
          firmId,
          firmName: context.registry?.describe(firmId, date)?.name ?? firmId,
          contacts: [...(context.registry?.get(firmId)?.contacts ?? [])],
          noticeAgencyId: key.agencyId,
          noticeYear: key.year,
          noticeNumber,
          toldAt: context.now,
        },
      },
    ];
  };

  switch (command.type) {
    case 'AssignAidWorker': {
      if (state.assignment) throw refuse('ALREADY_ASSIGNED', `${state.assignment.workerId} is assigned; a change follows a complaint`);
      if (!aidAvailable(state)) throw refuse('NOTHING_TO_ASSIGN', 'assignment follows a grant, a notification or aid before review');
      const w = checkWorker(state, worker, command.data.workerId, rules, context);
      return {
        case: [
          {
            type: 'AidWorkerAssigned',
            data: { ...notice, workerId: w.workerId!, workerKind: w.kind, basis: basisOf(state), assignedAt: context.now },
          },
          ...toldOf(w),
        ],
        notice: [stubOf(w.workerId!, null)],
      };
    }
    case 'ReplaceAidWorker': {
      const current = state.assignment;
      if (!current) throw refuse('CASE_NOT_IN_PROGRESS', 'no aid worker is assigned to replace');
      const complaint = state.complaints.find((c) => c.complaintId === command.data.complaintId);
      if (!complaint || !complaint.requestsChangeOfWorker || complaint.actedOn || complaint.workerId !== current.workerId) {
        throw refuse(
          'REPLACEMENT_REQUIRES_COMPLAINT',
          `no open complaint ${command.data.complaintId} asks to replace ${current.workerId}`,
          'complaintId',
        );
      }
      if (command.data.workerId === current.workerId)
        throw refuse('SAME_WORKER', 'the replacement is the worker complained about', 'workerId');
      const w = checkWorker(state, worker, command.data.workerId, rules, context);
      return {
        case: [
          {
            type: 'AidWorkerReplaced',
            data: {
              ...notice,
              workerId: w.workerId!,
              workerKind: w.kind,
              complaintId: complaint.complaintId,
              previousWorkerId: current.workerId,
              replacedAt: context.now,
            },
          },
          ...toldOf(w),
        ],
        notice: [stubOf(w.workerId!, current.workerId)],
      };
    }
  }
};
