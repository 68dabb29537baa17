import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseState } from '../../domain/case/state.ts';
import {
  evolveConsultationFacts,
  evolveQualityFacts,
  initialConsultationFacts,
  initialQualityFacts,
  qualityRecordOf,
  type ConsultationFacts,
  type QualityFacts,
} from '../../domain/quality/record.ts';
import { evolveDutyRecordFacts, initialDutyRecordFacts, type DutyRecordFacts } from '../../domain/quality/duty-record.ts';
import { evolveDutyRecordServices, initialDutyRecordServices, type DutyRecordServices } from '../../domain/duty/figures.ts';
import { dutyShiftDecider, type DutyShiftState } from '../../domain/duty/shift.ts';
import type { DutyShiftEvent } from '../../events/catalogue/duty-programme-events.ts';
import { serviceAssessmentDecider, type ServiceAssessmentState } from '../../domain/standard/assessment.ts';
import type { ServiceStandardEvent } from '../../events/catalogue/service-standard-events.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { ConsultationEvent } from '../../events/catalogue/consultation-events.ts';
import type { DutyEvent } from '../../events/catalogue/duty-lawyer-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { qualityKeys } from '../lib/read-models/keys.ts';
import { sortableTime, type ReadModelTable } from '../lib/read-models/read-model-table.ts';
import { applyStreamEvent, type ProjectionOutcome, type StateCache, type StreamReader, type StreamTarget } from './stream-projection.ts';

// The quality-supervision read model (Art 57, 59; seed 002): one item per case with its supervision
// record (domain/quality/record.ts), one per consultation of the ledger, one per duty record (its
// agency and dates, domain/quality/duty-record.ts; closed ones indexed for the erasures-due list; its
// station, shift and services by kind, domain/duty/figures.ts), one per duty shift of a station's rota, one per
// service-standard assessment (domain/standard/assessment.ts) indexed by its year for the pass rates.
// Scorecards, compliance, duty figures and
// the reports are computed from these items at query time (functions/lib/read-models/quality-queries.ts).

export type QualityProjectionDeps = { store: StreamReader; readModels: ReadModelTable };

/** A step of the case entered late (events/envelope.ts `lateEntry`): what supervisors are shown of it. */
export type LateEntryFlag = { version: number; type: string; occurredAt: string; recordedAt: string; lateByDays: number; policyId: string };

/** `lateEntries` is absent from items written before late entries were flagged: read as none. */
export type QualityCaseState = { case: CaseState; facts: QualityFacts; lateEntries?: LateEntryFlag[] };

/**
 * Late entries are flagged to supervisors (domain/time/business-time.ts): each step entered after it
 * happened, with both times. The reason stays in the case's history, read there under its audit.
 */
const flagged = (flags: readonly LateEntryFlag[] | undefined, e: EventEnvelope): LateEntryFlag[] =>
  e.lateEntry
    ? [
        ...(flags ?? []),
        {
          version: e.version,
          type: e.type,
          occurredAt: e.occurredAt,
          recordedAt: e.recordedAt,
          lateByDays: e.lateEntry.lateByDays,
          policyId: e.lateEntry.policyId,
        },
      ]
    : [...(flags ?? [])];

const idOf = (stream: string) => stream.slice(stream.indexOf('#') + 1);

const caseTarget = (table: ReadModelTable): StreamTarget<QualityCaseState> => ({
  read: async (stream) => {
    const item = await table.get(qualityKeys.casePk(idOf(stream)), 'case', { consistent: true });
    return item ? { version: item.version as number, state: item.state as QualityCaseState } : null;
  },
  initial: () => ({ case: caseDecider.initialState(), facts: initialQualityFacts(), lateEntries: [] }),
  evolve: (s, e) => {
    const event = readEventData(catalogue, e) as CaseEvent;
    return { case: caseDecider.evolve(s.case, event), facts: evolveQualityFacts(s.facts, event), lateEntries: flagged(s.lateEntries, e) };
  },
  write: (stream, state, last) => {
    const caseId = idOf(stream);
    // Deadlines are judged at the business time of the case's last step, not when it was typed in.
    const record = { ...qualityRecordOf(state.case, state.facts, last.occurredAt), lateEntries: state.lateEntries ?? [] };
    const byReceipt = `${record.receivedAt ? sortableTime(record.receivedAt) : ''}#${caseId}`;
    return table.putIfNewer({
      pk: qualityKeys.casePk(caseId),
      sk: 'case',
      version: last.version,
      updatedAt: last.recordedAt,
      state,
      record,
      ...(record.agencyId ? { gsi1pk: qualityKeys.agency(record.agencyId), gsi1sk: byReceipt } : {}),
      ...(record.agencyId && record.closedAt
        ? { gsi2pk: qualityKeys.closed(record.agencyId), gsi2sk: `${sortableTime(record.closedAt)}#${caseId}` }
        : {}),
      ...(record.workerId ? { gsi3pk: qualityKeys.worker(record.workerId), gsi3sk: byReceipt } : {}),
    });
  },
});

const consultationTarget = (table: ReadModelTable): StreamTarget<ConsultationFacts> => ({
  read: async (stream) => {
    const item = await table.get(qualityKeys.consultationPk(idOf(stream)), 'consultation', { consistent: true });
    return item ? { version: item.version as number, state: item.state as ConsultationFacts } : null;
  },
  initial: () => initialConsultationFacts(),
  evolve: (s, e) => evolveConsultationFacts(s, readEventData(catalogue, e) as ConsultationEvent),
  write: (stream, state, last) => {
    const id = idOf(stream);
    return table.putIfNewer({
      pk: qualityKeys.consultationPk(id),
      sk: 'consultation',
      version: last.version,
      updatedAt: last.recordedAt,
      state,
      ...(state.agencyId && state.consultedAt
        ? { gsi1pk: qualityKeys.consultations(state.agencyId), gsi1sk: `${sortableTime(state.consultedAt)}#${id}` }
        : {}),
    });
  },
});

/** `figures` is absent from items written before the duty programme's figures: folded again from the stream on its next event. */
type DutyItemState = DutyRecordFacts & { figures?: DutyRecordServices };

const dutyTarget = (table: ReadModelTable): StreamTarget<DutyItemState> => ({
  read: async (stream) => {
    const item = await table.get(qualityKeys.dutyPk(idOf(stream)), 'duty', { consistent: true });
    const state = item?.state as DutyItemState | undefined;
    // An item without figures was written before they were kept: folded anew from the store.
    return item && state?.figures ? { version: item.version as number, state } : null;
  },
  initial: () => ({ ...initialDutyRecordFacts(), figures: initialDutyRecordServices() }),
  evolve: (s, e) => {
    const event = readEventData(catalogue, e) as DutyEvent;
    return { ...evolveDutyRecordFacts(s, event), figures: evolveDutyRecordServices(s.figures ?? initialDutyRecordServices(), event) };
  },
  write: (stream, state, last) => {
    const id = idOf(stream);
    const station = state.figures?.stationId;
    const openedAt = state.figures?.openedAt;
    return table.putIfNewer({
      pk: qualityKeys.dutyPk(id),
      sk: 'duty',
      version: last.version,
      updatedAt: last.recordedAt,
      state,
      ...(state.agencyId && state.closedAt
        ? { gsi1pk: qualityKeys.closedDutyRecords(state.agencyId), gsi1sk: `${sortableTime(state.closedAt)}#${id}` }
        : {}),
      ...(station && openedAt ? { gsi2pk: qualityKeys.stationDutyRecords(station), gsi2sk: `${sortableTime(openedAt)}#${id}` } : {}),
    });
  },
});

const dutyShiftTarget = (table: ReadModelTable): StreamTarget<DutyShiftState> => ({
  read: async (stream) => {
    const item = await table.get(qualityKeys.dutyShiftPk(idOf(stream)), 'duty-shift', { consistent: true });
    return item ? { version: item.version as number, state: item.state as DutyShiftState } : null;
  },
  initial: () => dutyShiftDecider.initialState(),
  evolve: (s, e) => dutyShiftDecider.evolve(s, readEventData(catalogue, e) as DutyShiftEvent),
  write: (stream, state, last) => {
    const id = idOf(stream);
    return table.putIfNewer({
      pk: qualityKeys.dutyShiftPk(id),
      sk: 'duty-shift',
      version: last.version,
      updatedAt: last.recordedAt,
      state,
      ...(state.stationId && state.date ? { gsi1pk: qualityKeys.stationShifts(state.stationId), gsi1sk: `${state.date}#${id}` } : {}),
    });
  },
});

/** One item per service-standard assessment, indexed by its year: what the pass rates under a bureau sum. */
const serviceAssessmentTarget = (table: ReadModelTable): StreamTarget<ServiceAssessmentState> => ({
  read: async (stream) => {
    const item = await table.get(qualityKeys.serviceAssessmentPk(idOf(stream)), 'service-assessment', { consistent: true });
    return item ? { version: item.version as number, state: item.state as ServiceAssessmentState } : null;
  },
  initial: () => serviceAssessmentDecider.initialState(),
  evolve: (s, e) => serviceAssessmentDecider.evolve(s, readEventData(catalogue, e) as ServiceStandardEvent),
  write: (stream, state, last) => {
    const id = idOf(stream);
    return table.putIfNewer({
      pk: qualityKeys.serviceAssessmentPk(id),
      sk: 'service-assessment',
      version: last.version,
      updatedAt: last.recordedAt,
      state,
      ...(state.year !== null && state.organisationId
        ? { gsi1pk: qualityKeys.serviceAssessmentsOfYear(state.year), gsi1sk: `${state.organisationId}#${id}` }
        : {}),
    });
  },
});

export const applyToQuality = async (
  { store, readModels }: QualityProjectionDeps,
  envelope: EventEnvelope,
  cache?: StateCache,
): Promise<ProjectionOutcome> => {
  if (envelope.stream.startsWith('case#')) return applyStreamEvent(caseTarget(readModels), store, envelope, cache);
  if (envelope.stream.startsWith('consultation#')) return applyStreamEvent(consultationTarget(readModels), store, envelope, cache);
  if (envelope.stream.startsWith('duty#')) return applyStreamEvent(dutyTarget(readModels), store, envelope, cache);
  if (envelope.stream.startsWith('duty-shift#')) return applyStreamEvent(dutyShiftTarget(readModels), store, envelope, cache);
  if (envelope.stream.startsWith('service-assessment#'))
    return applyStreamEvent(serviceAssessmentTarget(readModels), store, envelope, cache);
  // The rule sends nothing else; anything that slips through is not this projection's.
  return 'duplicate';
};
