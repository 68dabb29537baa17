import * as z from 'zod';
import { personal } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema, textSchema } from './vocabulary.ts';

// What the assigned aid worker does and tells the aided person (Art 46); the quality projection reads these.

const byWorker = { workerId: recordIdSchema, at: isoTimeSchema, summary: textSchema };

export const ClientMeetingHeld = defineEvent(
  'ClientMeetingHeld',
  1,
  z.strictObject({ ...byWorker, place: personal('address', z.string().min(1).max(300)) }),
);

export const CaseFileRead = defineEvent('CaseFileRead', 1, z.strictObject({ ...byWorker, authorityId: organisationIdSchema }));

export const HearingAttended = defineEvent('HearingAttended', 1, z.strictObject({ ...byWorker, courtId: organisationIdSchema }));

export const ProgressReported = defineEvent(
  'ProgressReported',
  1,
  z.strictObject({ ...byWorker, method: z.enum(['in-person', 'phone', 'written', 'online']) }),
);

export const handlingEventDefinitions = [ClientMeetingHeld, CaseFileRead, HearingAttended, ProgressReported] as const;
