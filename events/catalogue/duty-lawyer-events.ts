import * as z from 'zod';
import { fact, personal } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { dutyStationKindSchema, isoTimeSchema, organisationIdSchema, recordIdSchema, textSchema } from './vocabulary.ts';

// Duty-lawyer legal help (Art 14, Art 30), one stream per person helped at a station: `duty#<id>`.

export const dutyStationSchema = z.strictObject({ kind: dutyStationKindSchema, organisationId: organisationIdSchema });

export const DutyRecordOpened = defineEvent(
  'DutyRecordOpened',
  1,
  z.strictObject({
    dutyId: recordIdSchema,
    agencyId: organisationIdSchema,
    station: dutyStationSchema,
    dutyLawyerId: recordIdSchema,
    personName: personal('name', z.string().min(1).max(100)),
    criminalCaseReference: fact(z.string().min(1).max(100), "the handling authority's case number").nullable(),
    openedAt: isoTimeSchema,
    /**
     * The shift of the station's rota the record was opened on (duty-programme-events.ts). Absent on
     * records opened before rotas were kept, whose station was the court's or procuratorate's own id,
     * unchecked; on a new record the station is a registered workstation of the record's agency.
     */
    shiftId: recordIdSchema.optional(),
  }),
);

const service = { dutyLawyerId: recordIdSchema, at: isoTimeSchema, summary: textSchema };

export const DutyConsultationGiven = defineEvent('DutyConsultationGiven', 1, z.strictObject(service));

/** 程序选择建议 */
export const ProcedureAdviceGiven = defineEvent(
  'ProcedureAdviceGiven',
  1,
  z.strictObject({ ...service, procedure: z.enum(['plea-leniency', 'fast-track', 'summary', 'ordinary']) }),
);

/** 申请变更强制措施, bail pending trial (取保候审) among them. */
export const MeasureChangeRequested = defineEvent(
  'MeasureChangeRequested',
  1,
  z.strictObject({
    ...service,
    requested: z.enum(['bail-pending-trial', 'residential-surveillance', 'other']),
    addressedTo: organisationIdSchema,
  }),
);

/** 对案件处理提出意见 */
export const DutyOpinionSubmitted = defineEvent(
  'DutyOpinionSubmitted',
  1,
  z.strictObject({ ...service, topic: z.enum(['charge', 'sentencing', 'procedure', 'case-handling']), addressedTo: organisationIdSchema }),
);

/** 认罪认罚具结书签署在场 (Criminal Procedure Law Art 174). */
export const PleaSigningAttended = defineEvent(
  'PleaSigningAttended',
  1,
  z.strictObject({ ...service, procuratorateId: organisationIdSchema }),
);

export const DutyRecordClosed = defineEvent(
  'DutyRecordClosed',
  1,
  z.strictObject({ closedAt: isoTimeSchema, referredCaseId: recordIdSchema.nullable(), summary: textSchema }),
);

export const dutyEventDefinitions = [
  DutyRecordOpened,
  DutyConsultationGiven,
  ProcedureAdviceGiven,
  MeasureChangeRequested,
  DutyOpinionSubmitted,
  PleaSigningAttended,
  DutyRecordClosed,
] as const;
export type DutyEvent = EventOf<(typeof dutyEventDefinitions)[number]>;
