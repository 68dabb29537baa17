import { ConsultationRecorded } from '../../events/catalogue/consultation-events.ts';
import * as z from 'zod';
import { recordIdSchema } from '../../events/catalogue/vocabulary.ts';
import type { CommandsOf } from '../commands.ts';

/** The consultation ledger (`consultation#<id>`). Role: agency reviewer, workstation staff, 12348 operator. */
export const consultationCommandSchemas = {
  RecordConsultation: ConsultationRecorded.schema,
  /** Role: agency reviewer, once the application's case exists. */
  LinkConsultationToApplication: z.strictObject({ caseId: recordIdSchema }),
};

export type ConsultationCommand = CommandsOf<typeof consultationCommandSchemas>;
