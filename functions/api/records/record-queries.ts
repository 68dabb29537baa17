import { consultationDecider, type ConsultationState } from '../../../domain/consultation/decider.ts';
import type { Decider } from '../../../domain/decider.ts';
import { dutyDecider, type DutyState } from '../../../domain/duty/decider.ts';
import { dutyShiftDecider, type DutyShiftState } from '../../../domain/duty/shift.ts';
import { consultationStream, dutyShiftStream, dutyStream, serviceAssessmentStream, workerStream } from '../../../domain/streams.ts';
import { serviceAssessmentDecider, type ServiceAssessmentState } from '../../../domain/standard/assessment.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import type { WorkerState } from '../../../domain/worker/state.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData, UnreadableEventError } from '../../../events/catalogue/read-event.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import {
  assertConsultationReadable,
  assertDutyRecordReadable,
  assertDutyShiftReadable,
  assertServiceAssessmentReadable,
  assertWorkerRecordReadable,
} from '../../lib/auth/record-scope.ts';
import { createEventStore, type EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { json } from '../../lib/http/response.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';

// The records the command API opens besides cases, read back where its 201 `location` points:
// a consultation, a duty record, an aid worker. Each is folded from its stream in the event store
// with its own decider, as the command side folds it before deciding, so a record reads back
// consistently the moment its POST has answered. The route gate has checked the role; here each
// record is checked against the caller (record-scope.ts). Personal data in the answer is masked on
// the way out for roles without a need (the query handler's `present`).

type RecordKind<S extends { status: string }> = {
  /** What the record is called in answers: 'consultation'. */
  noun: string;
  notFound: 'CONSULTATION_NOT_FOUND' | 'DUTY_RECORD_NOT_FOUND' | 'WORKER_NOT_FOUND' | 'DUTY_SHIFT_NOT_FOUND' | 'ASSESSMENT_NOT_FOUND';
  stream: (id: string) => string;
  decider: Pick<Decider<never, never, S, never>, 'evolve' | 'initialState'>;
  /** Throws 403 OUT_OF_SCOPE when the caller may not read this record. */
  assertReadable: (p: Admitted, state: S, id: string) => void;
};

const kinds = {
  'GET /consultations/{id}': {
    noun: 'consultation',
    notFound: 'CONSULTATION_NOT_FOUND',
    stream: consultationStream,
    decider: consultationDecider,
    assertReadable: (p, state) => assertConsultationReadable(p, state),
  } satisfies RecordKind<ConsultationState>,
  'GET /duty-records/{id}': {
    noun: 'duty record',
    notFound: 'DUTY_RECORD_NOT_FOUND',
    stream: dutyStream,
    decider: dutyDecider,
    assertReadable: (p, state) => assertDutyRecordReadable(p, state),
  } satisfies RecordKind<DutyState>,
  'GET /workers/{id}': {
    noun: 'aid worker',
    notFound: 'WORKER_NOT_FOUND',
    stream: workerStream,
    decider: workerDecider,
    assertReadable: (p, state, id) => assertWorkerRecordReadable(p, id, state),
  } satisfies RecordKind<WorkerState>,
  'GET /duty-shifts/{id}': {
    noun: 'duty shift',
    notFound: 'DUTY_SHIFT_NOT_FOUND',
    stream: dutyShiftStream,
    decider: dutyShiftDecider,
    assertReadable: (p, state) => assertDutyShiftReadable(p, state),
  } satisfies RecordKind<DutyShiftState>,
  'GET /service-assessments/{id}': {
    noun: 'service assessment',
    notFound: 'ASSESSMENT_NOT_FOUND',
    stream: serviceAssessmentStream,
    decider: serviceAssessmentDecider,
    assertReadable: (p, state) => assertServiceAssessmentReadable(p, state),
  } satisfies RecordKind<ServiceAssessmentState>,
};

/**
 * The record folded from its stream, once the caller is known to be in scope: 404 for an empty
 * stream; 403 for a caller the record is not for. An event this code cannot read is handed back,
 * not thrown: whose the record is is judged on what can be read.
 */
const readableRecord = async <S extends { status: string }>(store: EventStore, kind: RecordKind<S>, principal: Admitted, id: string) => {
  const envelopes = await store.readStream(kind.stream(id));
  const last = envelopes.at(-1);
  if (!last) throw new HttpError(404, kind.notFound, `no ${kind.noun} ${id}`);
  let state = kind.decider.initialState();
  let unreadable: UnreadableEventError | null = null;
  for (const envelope of envelopes) {
    try {
      state = kind.decider.evolve(state, readEventData(catalogue, envelope) as never);
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      unreadable = error;
      break;
    }
  }
  // Not even the opening event can be read: whose the record is cannot be told, so it is nobody's to read.
  if (state.status === 'none' && unreadable) {
    throw new HttpError(403, 'OUT_OF_SCOPE', `whose ${kind.noun} this is cannot be told: its first event cannot be read`);
  }
  kind.assertReadable(principal, state, id);
  return { envelopes, last, state, unreadable };
};

/**
 * 404 for an empty stream; 403 for a caller the record is not for; 500 UNREADABLE_EVENT (naming the
 * stream and version, as everywhere) for a record with an event this code cannot read, once the
 * caller is known to be in scope; else 200 with the folded state, its version and an ETag.
 */
const readRecord =
  <S extends { status: string }>(store: EventStore, kind: RecordKind<S>): RouteHandler<Admitted> =>
  async (event, _context, principal) => {
    const id = pathIdOf(event);
    const { envelopes, last, state, unreadable } = await readableRecord(store, kind, principal, id);
    if (unreadable) throw unreadable;
    // Who opened the record: its keeper (the duty lawyer at the station) sees what it recorded itself
    // as it recorded it, as in a case's own events (functions/lib/auth/mask.ts).
    const { id: _who, ...recordedBy } = envelopes[0]!.actor;
    return json(200, { id, ...state, recordedBy, version: last.version, updatedAt: last.recordedAt }, { etag: `"${last.version}"` });
  };

/** The record kinds besides cases, by the prefix of their stream: what the read audit's `record=` names. */
export type RecordStreamKind = 'consultation' | 'duty' | 'worker';

/**
 * Whether the caller may read this record as GET /consultations/{id}, /duty-records/{id} or
 * /workers/{id} would let them (404 unknown, 403 out of scope), without answering with it.
 */
export const assertRecordReadable = async (events: EventsTableRef, kind: RecordStreamKind, principal: Admitted, id: string) => {
  const store = createEventStore({ client: events.client, tableName: events.tableName });
  if (kind === 'consultation') await readableRecord(store, kinds['GET /consultations/{id}'], principal, id);
  else if (kind === 'duty') await readableRecord(store, kinds['GET /duty-records/{id}'], principal, id);
  else await readableRecord(store, kinds['GET /workers/{id}'], principal, id);
};

/** The record routes, to spread into the query handler's route map. */
export const recordRoutes = ({ events }: { events: EventsTableRef }): Record<keyof typeof kinds, RouteHandler<Admitted>> => {
  const store = createEventStore({ client: events.client, tableName: events.tableName });
  return {
    'GET /consultations/{id}': readRecord(store, kinds['GET /consultations/{id}']),
    'GET /duty-records/{id}': readRecord(store, kinds['GET /duty-records/{id}']),
    'GET /workers/{id}': readRecord(store, kinds['GET /workers/{id}']),
    'GET /duty-shifts/{id}': readRecord(store, kinds['GET /duty-shifts/{id}']),
    'GET /service-assessments/{id}': readRecord(store, kinds['GET /service-assessments/{id}']),
  };
};
