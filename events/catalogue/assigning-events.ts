import * as z from 'zod';
import { freeText } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { importSystemSchema, printedNoticeNumberSchema } from './notice-events.ts';
import { aidWorkerKindSchema, authoritySchema, isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

// Assignment of an aid worker (指派) and its change after a complaint (Art 55–56), on the case stream.

const noticeFields = {
  workerId: recordIdSchema,
  workerKind: aidWorkerKindSchema,
  /** The numbered assignment notice (指派通知书): unique and gap-free per agency and year. */
  noticeAgencyId: organisationIdSchema,
  noticeYear: z.int().min(2003),
  noticeNumber: z.int().positive(),
  /**
   * An imported notice's number as the old system printed it, in the legacy numbering space of the
   * agency and that system (notice-events.ts LegacyNoticeStubFiled); `noticeNumber` is then the
   * sequence number it prints. Absent: a number of the agency's own counter.
   */
  legacyNotice: z.strictObject({ system: importSystemSchema, printed: printedNoticeNumberSchema }).optional(),
  /** Art 36: the authority that notified the defence is told who was assigned; null for applications. */
  notifiedAuthority: authoritySchema.nullable(),
};

export const AidWorkerAssigned = defineEvent(
  'AidWorkerAssigned',
  1,
  z.strictObject({
    ...noticeFields,
    /** What made assignment possible: a grant (Art 43), a notification (Art 36) or aid before review (Art 44). */
    basis: z.enum(['grant', 'notification', 'aid-before-review']),
    assignedAt: isoTimeSchema,
  }),
);

/** What a complaint is about (Art 55, 56; seed 002 complains of window staff and agencies: 态度冷漠…推诿). */
export const complaintSubjectSchema = z.enum(['lawyer', 'staff', 'agency']);
export type ComplaintSubject = z.infer<typeof complaintSubjectSchema>;

export const ComplaintLodged = defineEvent(
  'ComplaintLodged',
  1,
  z.strictObject({
    complaintId: recordIdSchema,
    /** The lawyer or staff member complained about (an aid worker of the registry); null for a complaint about an agency. */
    workerId: recordIdSchema.nullable(),
    /** Absent on complaints recorded before staff and agencies could be complained about: those are about the lawyer. */
    subject: complaintSubjectSchema.optional(),
    /** The agency, or one of its stations, complained about. */
    organisationId: organisationIdSchema.optional(),
    summary: freeText(1),
    requestsChangeOfWorker: z.boolean(),
    lodgedAt: isoTimeSchema,
  }),
);

export const AidWorkerReplaced = defineEvent(
  'AidWorkerReplaced',
  1,
  z.strictObject({ ...noticeFields, complaintId: recordIdSchema, previousWorkerId: recordIdSchema, replacedAt: isoTimeSchema }),
);

export const assigningEventDefinitions = [AidWorkerAssigned, ComplaintLodged, AidWorkerReplaced] as const;
