import * as z from 'zod';
import { ConsultationRecorded, consultationChannelSchema } from '../../../events/catalogue/consultation-events.ts';
import { DutyRecordOpened } from '../../../events/catalogue/duty-lawyer-events.ts';
import { AidWorkerRegistered } from '../../../events/catalogue/worker-events.ts';
import { aidWorkerKindSchema, categorySchema, dutyStationKindSchema } from '../../../events/catalogue/vocabulary.ts';
import { actorSchema, day, isoTime, personalFieldsOf } from './shared.ts';

// A consultation, a duty record, an aid worker as its events fold (functions/api/records/record-queries.ts):
// the folded state with its id, who opened it, its version and when it last changed.

const recordAnswer = (fields: z.ZodRawShape) =>
  z.looseObject({
    id: z.string(),
    status: z.string(),
    ...fields,
    recordedBy: actorSchema.omit({ id: true }).extend({ workstation: z.string().nullable().optional() }),
    version: z.int().min(1),
    updatedAt: isoTime,
  });

// Each state's members (domain/consultation/decider.ts, domain/duty/decider.ts, domain/worker/state.ts);
// the personal ones carry the catalogue's marks (personalFieldsOf) and are shown in full, masked or erased.

export const consultationSchema = recordAnswer({
  status: z.enum(['none', 'recorded']),
  consultationId: z.string().nullable(),
  agencyId: z.string().nullable(),
  channel: consultationChannelSchema.nullable(),
  workstationId: z.string().nullable().describe('The workstation it was given at, if any'),
  topic: z.string().nullable(),
  category: categorySchema.nullable(),
  personName: z.string().nullable(),
  toldOfRightToApply: z.boolean(),
  notToldReason: z.string().nullable(),
  answer: z.string().nullable(),
  consultedAt: isoTime.nullable(),
  caseId: z.string().nullable().describe('The case the consultation led to, once linked'),
  linkedAt: isoTime.nullable(),
  ...personalFieldsOf(ConsultationRecorded.schema),
}).meta({ id: 'Consultation' });

export const dutyRecordSchema = recordAnswer({
  status: z.enum(['none', 'open', 'closed']),
  dutyId: z.string().nullable(),
  stationKind: dutyStationKindSchema.nullable(),
  stationId: z.string().nullable().describe('The court, procuratorate or detention centre where the duty desk is'),
  agencyId: z.string().nullable(),
  dutyLawyerId: z.string().nullable(),
  personName: z.string().nullable(),
  criminalCaseReference: z.string().nullable(),
  openedAt: isoTime.nullable(),
  services: z.int().describe('How many services (consultations, advice, requests, opinions, plea signings) were recorded'),
  closedAt: isoTime.nullable(),
  referredCaseId: z.string().nullable(),
  ...personalFieldsOf(DutyRecordOpened.schema),
}).meta({ id: 'DutyRecord' });

export const workerSchema = recordAnswer({
  status: z.enum(['none', 'active', 'inactive']),
  workerId: z.string().nullable(),
  agencyId: z.string().nullable(),
  name: z.string().nullable(),
  kind: aidWorkerKindSchema.nullable(),
  licenceNumber: z.string().nullable(),
  relevantPracticeSince: day.nullable(),
  firmId: z.string().nullable().describe("The law firm or legal-service office the worker practises at; null for the agency's own staff"),
  ...personalFieldsOf(AidWorkerRegistered.schema),
}).meta({ id: 'Worker' });
