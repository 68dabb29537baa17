import * as z from 'zod';
import { ConsultationRecorded } from '../../../events/catalogue/consultation-events.ts';
import { DutyRecordOpened } from '../../../events/catalogue/duty-lawyer-events.ts';
import { AidWorkerRegistered } from '../../../events/catalogue/worker-events.ts';
import { actorSchema, isoTime, personalFieldsOf } from './shared.ts';

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

export const consultationSchema = recordAnswer({ agencyId: z.string().nullable(), ...personalFieldsOf(ConsultationRecorded.schema) }).meta({
  id: 'Consultation',
});
export const dutyRecordSchema = recordAnswer(personalFieldsOf(DutyRecordOpened.schema)).meta({ id: 'DutyRecord' });
export const workerSchema = recordAnswer({ agencyId: z.string().nullable(), ...personalFieldsOf(AidWorkerRegistered.schema) }).meta({
  id: 'Worker',
});
