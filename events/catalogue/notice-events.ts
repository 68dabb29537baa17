import * as z from 'zod';
import { defineEvent, type EventOf } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

/**
 * The stub (存根) of an assignment notice, kept on the counter stream `notice#<agencyId>#<year>`.
 * The stream's version is the notice number: optimistic concurrency makes numbers unique and gap-free.
 */
export const AssignmentNoticeStubFiled = defineEvent(
  'AssignmentNoticeStubFiled',
  1,
  z.strictObject({
    agencyId: organisationIdSchema,
    year: z.int().min(2022),
    noticeNumber: z.int().positive(),
    caseId: recordIdSchema,
    workerId: recordIdSchema,
    replacesWorkerId: recordIdSchema.nullable(),
    issuedAt: isoTimeSchema,
  }),
);

export const noticeEventDefinitions = [AssignmentNoticeStubFiled] as const;
export type NoticeEvent = EventOf<(typeof noticeEventDefinitions)[number]>;
