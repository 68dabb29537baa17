import type { CaseCommand } from '../../../domain/case/commands.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import { consultationDecider } from '../../../domain/consultation/decider.ts';
import { dutyDecider } from '../../../domain/duty/decider.ts';
import { caseStream, consultationStream, dutyStream, workerStream } from '../../../domain/streams.ts';
import type { WorkerCommand } from '../../../domain/worker/commands.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { assertBureauOverCase, isBureauPower, withBureau } from '../../lib/auth/bureau-powers.ts';
import { assertCaseInScope, assertTransferReceiver } from '../../lib/auth/case-scope.ts';
import type { ScopedCaller } from '../../lib/auth/organisation-scope.ts';
import { assertConsultationInScope, assertDutyRecordInScope, assertWorkerRecordInScope } from '../../lib/auth/record-scope.ts';
import { assertFirm, withRegisteredFirm } from '../../lib/auth/registered-firm.ts';
import { assertOwnKind, assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { assertClerkOwnStation } from '../../lib/auth/station-clerk.ts';
import { createCommandRunner, type CommandOutcome } from '../../lib/command-runner.ts';
import type { AppendMeta, EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { caseIdFor } from '../command-headers.ts';
import { answer } from './answer.ts';
import { assertComplaintSubject } from './complaint-subjects.ts';
import { openedCase } from '../views/opened-case.ts';
import { PERSONAL_SUBJECTS_HEADER } from '../../lib/privacy/read-record.ts';
import { applicationReferrals } from './referral.ts';
import type { CommandTarget } from './command-table.ts';
import type { Body, CommandRequest, TargetHandler } from './command-request.ts';

// The commands that act on one stream of their own: a case, a consultation, a duty record, an aid
// worker. Each either opens its stream (its id from the idempotency key, so racing copies meet on
// it) or acts on one that must exist and be the caller's.

/** The forwarder kind a caller in this role reports as (Art 39). */
const forwarderKindOf = (role: string): string => (role === 'detention-centre' || role === 'duty-lawyer' ? role : 'handling-authority');

export const caseInScope = (p: ScopedCaller) => (state: CaseState) => {
  if (state.status === 'none') throw new HttpError(404, 'CASE_NOT_FOUND', 'no such case');
  assertCaseInScope(p, state);
};

const receivingCommands = new Set(['AcceptTransfer', 'RefuseTransfer']);

const receiverInScope = (p: ScopedCaller) => (state: CaseState) => {
  if (state.status === 'none') throw new HttpError(404, 'CASE_NOT_FOUND', 'no such case');
  assertTransferReceiver(p, state);
};

/** A bureau power on an existing case: 404 when there is none, then whether the caller is the bureau over its agency. */
const bureauOverCase = (r: CommandRequest) => (state: CaseState) => {
  if (state.status === 'none') throw new HttpError(404, 'CASE_NOT_FOUND', 'no such case');
  assertBureauOverCase(r.principal, r.spec.command, r.body, state);
};

/** A command on an existing consultation or duty record: 404 when there is none, then whether it is the caller's. */
const recordInScope =
  <R>(notFound: string, what: string, inScope: (p: Admitted, record: R) => void, p: Admitted) =>
  (state: R & { status: string }) => {
    if (state.status === 'none') throw new HttpError(404, notFound, `no such ${what}`);
    inScope(p, state);
  };

/** The stream this request opens: named by the caller's organisation and its idempotency key. */
const openedId = ({ principal, key, openedId }: CommandRequest) => openedId ?? caseIdFor(principal.organisation, key);

type RecordRunner<S> = {
  run: (args: {
    stream: string;
    command: never;
    context: CommandRequest['context'];
    meta: AppendMeta;
    expectedVersion?: number;
    ifMatch?: number;
    newStream?: boolean;
    check?: (state: S) => void;
  }) => Promise<CommandOutcome>;
};

/** A record an agency keeps beside its cases (a consultation, a duty record): opened in the caller's agency, then acted on in scope. */
const agencyRecord = <S extends { status: string }, Open extends CommandTarget, Act extends CommandTarget>(
  runner: RecordRunner<S>,
  kind: {
    open: Open;
    act: Act;
    stream: (id: string) => string;
    idField: string;
    timeField: string;
    notFound: string;
    noun: string;
    inScope: (p: Admitted, state: S) => void;
    /** The field naming the workstation a clerk records at, for records a clerk may open. */
    stationField?: string;
  },
) =>
  ({
    [kind.open]: async (r: CommandRequest) => {
      if (r.principal.role === 'workstation-clerk' && kind.stationField) assertClerkOwnStation(r.principal, r.body, kind.stationField);
      else assertOwnOrganisation(r.principal, r.body.agencyId as string, 'agencyId');
      const id = openedId(r);
      const data = { ...r.body, [kind.idField]: id, [kind.timeField]: r.body[kind.timeField] ?? r.context.now };
      const outcome = await runner.run({
        stream: kind.stream(id),
        command: { type: r.spec.command, data } as never,
        context: r.context,
        meta: r.meta,
        expectedVersion: 0,
        newStream: true,
      });
      return answer(201, id, outcome, { [kind.idField]: id });
    },
    [kind.act]: async (r: CommandRequest) => {
      const id = r.recordId();
      const check = recordInScope(kind.notFound, kind.noun, kind.inScope, r.principal);
      const outcome = await runner.run({
        stream: kind.stream(id),
        command: { type: r.spec.command, data: r.body } as never,
        context: r.context,
        meta: r.meta,
        ifMatch: r.expectedVersion,
        check,
      });
      return answer(200, id, outcome, { [kind.idField]: id });
    },
  }) as Record<Open | Act, TargetHandler>;

export const recordCommands = (
  store: EventStore,
): Record<
  Exclude<
    CommandTarget,
    | 'assignment'
    | 'fund-allocation'
    | 'subsidy-approval'
    | 'subsidy-payment'
    | 'open-organisation'
    | 'organisation'
    | 'erasure'
    | 'open-duty-shift'
    | 'duty-shift'
    | 'duty-pay-approval'
    | 'duty-pay-payment'
    | 'open-cooperation'
    | 'cooperation'
    | 'open-service-assessment'
    | 'service-assessment'
  >,
  TargetHandler
> => {
  const cases = createCommandRunner({ store, decider: caseDecider, catalogue });
  const consultations = createCommandRunner({ store, decider: consultationDecider, catalogue });
  const duties = createCommandRunner({ store, decider: dutyDecider, catalogue });
  const workers = createCommandRunner({ store, decider: workerDecider, catalogue });
  const referIfNotCompetent = applicationReferrals(store);

  return {
    'open-case': async (r) => {
      const { principal, body } = r;
      const forwarder = body.forwarder as Body | undefined;
      const authority = body.authority as Body | undefined;
      assertOwnOrganisation(principal, forwarder?.organisationId as string | undefined, 'forwarder.organisationId');
      assertOwnOrganisation(principal, authority?.organisationId as string | undefined, 'authority.organisationId');
      // And in its own capacity: a police office does not notify as a court, a duty lawyer does not forward as a detention centre.
      assertOwnKind(principal, authority?.kind as string | undefined, principal.role, 'authority.kind');
      assertOwnKind(principal, forwarder?.kind as string | undefined, forwarderKindOf(principal.role), 'forwarder.kind');
      // A reviewer receives for its own agency, or for one that has merged into it (a late entry of the absorbed agency's).
      if (principal.role === 'agency-reviewer')
        assertOwnOrganisation(principal, principal.registry.resolve(body.agencyId as string, principal.today), 'agencyId');
      if (principal.role === 'workstation-clerk') assertClerkOwnStation(principal, body, 'stationId');
      const caseId = openedId(r);
      const data = { ...body, caseId, receivedAt: body.receivedAt ?? r.context.now };
      if (r.spec.command === 'ReceiveApplication') {
        const referred = await referIfNotCompetent(r, caseId, data);
        if (referred) return referred;
      }
      const outcome = await cases.run({
        stream: caseStream(caseId),
        command: { type: r.spec.command, data } as CaseCommand,
        // The registry gives the case its province and checks the agency (and its competence, Art 38).
        context: { ...r.context, registry: principal.registry },
        meta: r.meta,
        expectedVersion: 0,
        newStream: true,
      });
      // The new case as its Location answers it, so the caller needs no read to see what it opened;
      // an answer about a person's case is a read of their data, put on record as GET's is (reads-of-records.ts).
      return answer(201, caseId, outcome, { caseId, state: openedCase(outcome.events) }, { [PERSONAL_SUBJECTS_HEADER]: `case#${caseId}` });
    },
    case: async (r) => {
      const caseId = r.recordId();
      // Fields naming the actor (worker, supervisor) are not in the body: the decider takes them from the token's actor.
      // The justice bureau of an objection or finding is the registry's, never the caller's word (Art 49, Art 64).
      const command = { type: r.spec.command, data: withBureau(r.principal, r.spec.command, r.body) } as CaseCommand;
      const caller = await withRegisteredFirm(store, r.principal);
      // A transfer is answered by the agency it is addressed to, not the one holding the case (docs/transfers.md).
      const inScope = receivingCommands.has(r.spec.command) ? receiverInScope(caller) : caseInScope(caller);
      if (r.spec.command === 'LodgeComplaint') await assertComplaintSubject(store, r.principal, r.body);
      const outcome = await cases.run({
        stream: caseStream(caseId),
        command,
        // The registry: a transfer names its receiver, checked to be an open legal-aid agency.
        context: { ...r.context, registry: r.principal.registry },
        meta: r.meta,
        ifMatch: r.expectedVersion,
        check: isBureauPower(r.spec.command) ? bureauOverCase(r) : inScope,
      });
      return answer(200, caseId, outcome, { caseId });
    },
    ...agencyRecord(consultations, {
      open: 'open-consultation',
      act: 'consultation',
      stream: consultationStream,
      idField: 'consultationId',
      timeField: 'consultedAt',
      notFound: 'CONSULTATION_NOT_FOUND',
      noun: 'consultation',
      inScope: assertConsultationInScope,
      stationField: 'workstationId',
    }),
    ...agencyRecord(duties, {
      open: 'open-duty',
      act: 'duty',
      stream: dutyStream,
      idField: 'dutyId',
      timeField: 'openedAt',
      notFound: 'DUTY_RECORD_NOT_FOUND',
      noun: 'duty record',
      inScope: assertDutyRecordInScope,
    }),
    'open-worker': async (r) => {
      const id = String(r.body.workerId);
      assertOwnOrganisation(r.principal, r.body.agencyId as string | undefined, 'agencyId');
      assertFirm(r.principal, r.body.firmId);
      const outcome = await workers.run({
        stream: workerStream(id),
        command: { type: r.spec.command, data: r.body } as WorkerCommand,
        context: r.context,
        meta: r.meta,
        expectedVersion: 0,
      });
      return answer(201, id, outcome, { workerId: id });
    },
    worker: async (r) => {
      const id = r.recordId();
      // An update may name an agency too: never another agency's.
      assertOwnOrganisation(r.principal, r.body.agencyId as string | undefined, 'agencyId');
      assertFirm(r.principal, r.body.firmId);
      const outcome = await workers.run({
        stream: workerStream(id),
        command: { type: r.spec.command, data: r.body } as WorkerCommand,
        context: r.context,
        meta: r.meta,
        ifMatch: r.expectedVersion,
        check: (s) => {
          if (s.status === 'none') throw new HttpError(404, 'WORKER_NOT_FOUND', 'no such aid worker');
          assertWorkerRecordInScope(r.principal, s);
        },
      });
      return answer(200, id, outcome, { workerId: id });
    },
  };
};
