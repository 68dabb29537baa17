import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decideAssignment, noticeCounterKeyFor } from '../../../domain/case/assignment.ts';
import type { AssignmentCommand, CaseCommand } from '../../../domain/case/commands.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import { consultationDecider } from '../../../domain/consultation/decider.ts';
import type { ConsultationCommand } from '../../../domain/consultation/commands.ts';
import { dutyDecider } from '../../../domain/duty/decider.ts';
import type { DutyCommand } from '../../../domain/duty/commands.ts';
import { noticeCounterAt, noticeCounterStream } from '../../../domain/notice/counter.ts';
import { caseStream, consultationStream, dutyStream, workerStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import type { WorkerCommand } from '../../../domain/worker/commands.ts';
import type { WorkerState } from '../../../domain/worker/state.ts';
import type { NoticeEvent } from '../../../events/catalogue/notice-events.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import { assertCaseInScope, assertConsultationInScope, assertDutyRecordInScope } from '../../lib/auth/case-scope.ts';
import { assertOwnKind, assertOwnOrganisation, assertRole } from '../../lib/auth/route-access.ts';
import { createCommandRunner, DEFAULT_RACE_RETRY, mayRetry, raceBackoff, requestHashOf, type CommandOutcome, type RaceRetry } from '../../lib/command-runner.ts';
import { VersionConflictError } from '../../lib/event-store/errors.ts';
import { streamHeadOf, type AppendMeta, type EventStore } from '../../lib/event-store/event-store.ts';
import { findIdempotentEvents } from '../../lib/event-store/idempotency.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';
import type { Principal } from '../../lib/http/principal.ts';
import { parseBody } from '../../lib/http/request-body.ts';
import { json } from '../../lib/http/response.ts';
import { caseIdFor, correlationIdOf, expectedVersionOf, idempotencyKeyOf } from '../command-headers.ts';
import type { CommandSpec } from './command-table.ts';
import { createFundingExecutor } from './funding.ts';

export type ExecuteDeps = { store: EventStore; clock: () => Date };

type Body = Record<string, unknown>;

// Racing assignments in one agency clash on the notice counter, not on the case: the loser simply
// takes the next number, after a jittered pause so that twenty at once spread out instead of
// clashing again. Bounded (24 tries in 8 s, within the API's 10 s), so a counter under siege still
// answers: 409 naming the counter.
const COUNTER_RETRY: RaceRetry = { ...DEFAULT_RACE_RETRY, attempts: 24, budgetMs: 8_000 };

// Where a stream kind's resource is read back, for the Location of what a command opened.
const resourcePaths: Record<string, string> = { case: '/cases', consultation: '/consultations', duty: '/duty-records', worker: '/workers' };

/** The same answer for the first copy and every retry: it is built from the stored events. */
const answer = (status: number, id: string, outcome: CommandOutcome, extra: Body = {}) =>
  json(
    status,
    { id, stream: outcome.stream, version: outcome.version, events: outcome.events.map((e) => ({ eventId: e.eventId, type: e.type, version: e.version, recordedAt: e.recordedAt })), ...extra },
    {
      etag: `"${outcome.version}"`,
      ...(status === 201 ? { location: `${resourcePaths[outcome.stream.split('#')[0]!]}/${id}` } : {}),
      ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  );

/** The forwarder kind a caller in this role reports as (Art 39). */
const forwarderKindOf = (role: string): string => (role === 'detention-centre' || role === 'duty-lawyer' ? role : 'handling-authority');

/** Runs one command of the table: who may, on which stream, at which version, exactly once. */
export const createCommandExecutor = ({ store, clock }: ExecuteDeps) => {
  const cases = createCommandRunner({ store, decider: caseDecider, catalogue });
  const consultations = createCommandRunner({ store, decider: consultationDecider, catalogue });
  const duties = createCommandRunner({ store, decider: dutyDecider, catalogue });
  const workers = createCommandRunner({ store, decider: workerDecider, catalogue });
  const funding = createFundingExecutor({ store });

  const metaOf = (event: APIGatewayProxyEventV2, p: Principal, key: string, body: unknown): AppendMeta => ({
    actor: { id: p.id, role: p.role, organisation: p.organisation },
    workstation: p.workstation,
    correlationId: correlationIdOf(event),
    causationId: event.requestContext.requestId,
    idempotency: { key, requestHash: requestHashOf({ route: event.routeKey, path: event.pathParameters ?? {}, body }) },
  });

  const caseInScope = (p: Principal) => (state: CaseState) => {
    if (state.status === 'none') throw new HttpError(404, 'CASE_NOT_FOUND', 'no such case');
    assertCaseInScope(p, state);
  };

  /** A command on an existing consultation or duty record: 404 when there is none, then whether it is the caller's. */
  const recordInScope =
    <R>(notFound: string, what: string, inScope: (p: Principal, record: R) => void, p: Principal) =>
    (state: R & { status: string }) => {
      if (state.status === 'none') throw new HttpError(404, notFound, `no such ${what}`);
      inScope(p, state);
    };

  /** Assignment: the case and the agency's notice counter in one transaction. */
  const assign = async (spec: CommandSpec, caseId: string, body: Body, p: Principal, meta: AppendMeta, expectedVersion: number | undefined, now: string) => {
    const stream = caseStream(caseId);
    const started = Date.now();
    let loaded = await cases.load(stream);
    // Only the counter's newest stub is read: its number is the count (domain/notice/counter.ts).
    let counter = null as { stream: string; newest: EventEnvelope | null } | null;
    let worker = null as WorkerState | null;
    for (let attempt = 1; ; attempt++) {
      const earlier = findIdempotentEvents(loaded.envelopes, meta.idempotency!);
      if (earlier) return { stream, version: earlier.at(-1)!.version, events: earlier, replayed: true };
      caseInScope(p)(loaded.state);
      if (expectedVersion !== undefined && expectedVersion !== loaded.head.version) throw new VersionConflictError(stream, expectedVersion, loaded.head.version);
      const key = noticeCounterKeyFor(loaded.state, now);
      const counterStream = noticeCounterStream(key);
      if (counter?.stream !== counterStream) counter = { stream: counterStream, newest: await store.last(counterStream) };
      const { newest } = counter;
      const counterState = noticeCounterAt(key, newest && { version: newest.version, event: readEventData(catalogue, newest) as NoticeEvent });
      worker ??= (await workers.load(workerStream(String(body.workerId)))).state;
      const decision = decideAssignment({ type: spec.command, data: body } as AssignmentCommand, loaded.state, counterState, worker, { now, actor: meta.actor });
      const tried = Date.now();
      try {
        const [caseResult] = await store.appendMany(
          [
            { stream, expected: loaded.head, events: decision.case.map((e) => cases.toNewEvent(e)) },
            { stream: counterStream, expected: streamHeadOf(counterStream, newest ? [newest] : []), events: decision.notice.map((e) => cases.toNewEvent(e)) },
          ],
          meta,
        );
        return { stream, version: caseResult!.head.version, events: caseResult!.events, replayed: caseResult!.replayed };
      } catch (error) {
        // The counter moved (another assignment took the number) or, without If-Match, the case did: decide again.
        const again = error instanceof VersionConflictError && (error.stream === counterStream || expectedVersion === undefined) && mayRetry(COUNTER_RETRY, attempt, started);
        if (!again) throw error;
        await raceBackoff(attempt, COUNTER_RETRY, Date.now() - tried);
        // The counter moved, so its head is read again after the pause; the case seldom did, so what
        // the clash read of it stands (were it wrong, the next append clashes and says so).
        counter = { stream: counterStream, newest: await store.last(counterStream) };
        loaded = await cases.loadAfter(loaded, error);
      }
    }
  };

  return async (spec: CommandSpec, event: APIGatewayProxyEventV2, principal: Principal) => {
    assertRole(principal, spec.roles, `${event.routeKey}`);
    const key = idempotencyKeyOf(event);
    const body = parseBody(event, spec.body) as Body;
    const meta = metaOf(event, principal, key, body);
    const now = clock().toISOString();
    const context = { now, actor: meta.actor };
    const expectedVersion = expectedVersionOf(event);

    switch (spec.target) {
      case 'fund-allocation':
        return funding[spec.target]({ event, principal, body, meta, now, caseId: null });
      case 'subsidy-approval':
      case 'subsidy-payment':
        return funding[spec.target]({ event, principal, body, meta, now, caseId: pathIdOf(event) });
      case 'open-case': {
        assertOwnOrganisation(principal, (body.forwarder as Body | undefined)?.organisationId as string | undefined, 'forwarder.organisationId');
        assertOwnOrganisation(principal, (body.authority as Body | undefined)?.organisationId as string | undefined, 'authority.organisationId');
        // And in its own capacity: a police office does not notify as a court, a duty lawyer does not forward as a detention centre.
        assertOwnKind(principal, (body.authority as Body | undefined)?.kind as string | undefined, principal.role, 'authority.kind');
        assertOwnKind(principal, (body.forwarder as Body | undefined)?.kind as string | undefined, forwarderKindOf(principal.role), 'forwarder.kind');
        if (principal.role === 'agency-reviewer') assertOwnOrganisation(principal, body.agencyId as string, 'agencyId');
        const caseId = caseIdFor(principal.organisation, key);
        const data = { ...body, caseId, receivedAt: body.receivedAt ?? now };
        const outcome = await cases.run({ stream: caseStream(caseId), command: { type: spec.command, data } as CaseCommand, context, meta, expectedVersion: 0, newStream: true });
        return answer(201, caseId, outcome, { caseId });
      }
      case 'case': {
        const caseId = pathIdOf(event);
        // Fields naming the actor (worker, supervisor) are not in the body: the decider takes them from the token's actor.
        const outcome = await cases.run({ stream: caseStream(caseId), command: { type: spec.command, data: body } as CaseCommand, context, meta, expectedVersion, check: caseInScope(principal) });
        return answer(200, caseId, outcome, { caseId });
      }
      case 'assignment': {
        const caseId = pathIdOf(event);
        const outcome = await assign(spec, caseId, body, principal, meta, expectedVersion, now);
        const stub = outcome.events.find((e) => e.type === 'AidWorkerAssigned' || e.type === 'AidWorkerReplaced');
        const d = (stub?.data ?? {}) as Body;
        return answer(200, caseId, outcome, { caseId, notice: { agencyId: d.noticeAgencyId, year: d.noticeYear, number: d.noticeNumber } });
      }
      case 'open-consultation': {
        assertOwnOrganisation(principal, body.agencyId as string, 'agencyId');
        const id = caseIdFor(principal.organisation, key);
        const data = { ...body, consultationId: id, consultedAt: body.consultedAt ?? now };
        const outcome = await consultations.run({ stream: consultationStream(id), command: { type: spec.command, data } as ConsultationCommand, context, meta, expectedVersion: 0, newStream: true });
        return answer(201, id, outcome, { consultationId: id });
      }
      case 'consultation': {
        const id = pathIdOf(event);
        const check = recordInScope('CONSULTATION_NOT_FOUND', 'consultation', assertConsultationInScope, principal);
        const outcome = await consultations.run({ stream: consultationStream(id), command: { type: spec.command, data: body } as ConsultationCommand, context, meta, expectedVersion, check });
        return answer(200, id, outcome, { consultationId: id });
      }
      case 'open-duty': {
        assertOwnOrganisation(principal, body.agencyId as string, 'agencyId');
        const id = caseIdFor(principal.organisation, key);
        const data = { ...body, dutyId: id, openedAt: body.openedAt ?? now };
        const outcome = await duties.run({ stream: dutyStream(id), command: { type: spec.command, data } as unknown as DutyCommand, context, meta, expectedVersion: 0, newStream: true });
        return answer(201, id, outcome, { dutyId: id });
      }
      case 'duty': {
        const id = pathIdOf(event);
        const check = recordInScope('DUTY_RECORD_NOT_FOUND', 'duty record', assertDutyRecordInScope, principal);
        const outcome = await duties.run({ stream: dutyStream(id), command: { type: spec.command, data: body } as DutyCommand, context, meta, expectedVersion, check });
        return answer(200, id, outcome, { dutyId: id });
      }
      case 'open-worker':
      case 'worker': {
        const id = spec.target === 'open-worker' ? String(body.workerId) : pathIdOf(event);
        // Registering names the agency; an update may name one too: never another agency's.
        assertOwnOrganisation(principal, body.agencyId as string | undefined, 'agencyId');
        const outcome = await workers.run({
          stream: workerStream(id),
          command: { type: spec.command, data: body } as WorkerCommand,
          context,
          meta,
          expectedVersion: spec.target === 'open-worker' ? 0 : expectedVersion,
          check: (s) => {
            if (spec.target === 'worker' && s.status === 'none') throw new HttpError(404, 'WORKER_NOT_FOUND', 'no such aid worker');
            if (spec.target === 'worker') assertOwnOrganisation(principal, s.agencyId ?? undefined, 'agencyId');
          },
        });
        return answer(spec.target === 'open-worker' ? 201 : 200, id, outcome, { workerId: id });
      }
    }
  };
};
