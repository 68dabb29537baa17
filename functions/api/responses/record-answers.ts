import * as z from 'zod';
import { actorSchema, isoTime } from './shared.ts';

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

export const consultationSchema = recordAnswer({ agencyId: z.string().nullable() }).meta({ id: 'Consultation' });
export const dutyRecordSchema = recordAnswer({}).meta({ id: 'DutyRecord' });
export const workerSchema = recordAnswer({ agencyId: z.string().nullable() }).meta({ id: 'Worker' });
