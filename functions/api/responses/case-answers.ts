import * as z from 'zod';
import { categorySchema, formOfAidSchema } from '../../../events/catalogue/vocabulary.ts';
import {
  assignmentSchema,
  authorityNoticeSchema,
  closingSchema,
  complaintSchema,
  deceptionSchema,
  objectionSchema,
  originSchema,
  provisionalAidSchema,
  reviewSchema,
  terminationSchema,
  transferSchema,
} from './case-parts.ts';
import { historyEntrySchema, isoTime, nextCursor, nullableString, openRecord, openValue, storedEnvelopeSchema } from './shared.ts';

// A case as `GET /cases/{id}` answers it (functions/api/views/case-view.ts), the opened case a 201
// carries, and the audit's answers about a case's stream (functions/api/audit/audit-queries.ts).

const caseStatus = z.enum([
  'under-review',
  'awaiting-assignment',
  'in-progress',
  'refused',
  'withdrawn',
  'closed',
  'terminated',
  'archived',
]);

const deadlineSchema = z.looseObject({
  kind: z.string(),
  rule: z.string(),
  owner: z.string(),
  startedAt: isoTime,
  dueAt: isoTime,
  satisfiedAt: isoTime.nullable(),
  open: z.boolean(),
  overdue: z.boolean(),
});

export const caseSchema = z
  .object({
    caseId: z.string(),
    version: z.int().min(1),
    status: caseStatus,
    agencyId: z.string(),
    province: nullableString,
    origin: originSchema.nullable(),
    category: categorySchema.nullable(),
    formOfAid: formOfAidSchema.nullable(),
    receivedAt: isoTime.nullable(),
    review: reviewSchema.nullable().describe('The review (Art 43): the means check, the materials asked for, the decision'),
    provisionalAid: provisionalAidSchema.nullable().describe('Aid given before review (Art 44)'),
    assignment: assignmentSchema.nullable().describe('Who handles the case, and the assignment notice'),
    complaints: z.array(complaintSchema),
    objections: z.array(objectionSchema),
    handling: z.looseObject({ meetings: z.int(), fileReadings: z.int(), hearings: z.int(), progressReports: z.int() }),
    closing: closingSchema.nullable().describe('How the case was closed'),
    termination: terminationSchema.nullable().describe('Why the aid was terminated'),
    deception: deceptionSchema.nullable().describe('A finding of deception (Art 64)'),
    archivedAt: isoTime.nullable(),
    transfers: z.array(transferSchema).describe('Every hand-over to another agency asked for, with its answer (docs/across-agencies.md)'),
    authorityNotice: authorityNoticeSchema
      .nullable()
      .describe('Art 36: what the notifying authority was told of the assigned lawyer, and when it acknowledged it'),
    deadlines: z.array(deadlineSchema),
    overdue: z.array(z.string()).describe('The kinds of the deadlines past due'),
    updatedAt: isoTime.describe('When the last event of the version answered was recorded'),
  })
  .meta({ id: 'Case' });

export const caseHistorySchema = z.object({
  caseId: z.string(),
  stream: z.string(),
  order: z.string(),
  events: z.array(historyEntrySchema),
  nextCursor,
});

export const caseDiffSchema = z.object({
  caseId: z.string(),
  from: z.int(),
  to: z.int(),
  changes: z
    .array(
      z.looseObject({
        path: z.string().describe('JSON Pointer (RFC 6901) of the changed member; "" is the whole case'),
        op: z.enum(['added', 'removed', 'changed']),
        before: openValue('The value before: any part of the folded case, so of any JSON type; absent when added').optional(),
        after: openValue('The value after: any part of the folded case, so of any JSON type; absent when removed').optional(),
      }),
    )
    .describe('The fields of the folded case that changed, with their values before and after'),
  events: z.array(historyEntrySchema),
});

export const caseVerificationSchema = z.object({
  caseId: z.string(),
  stream: z.string(),
  events: z.int().describe('How many events the stream holds'),
  verified: z.boolean().describe('Whether the hash chain holds'),
  firstBreak: z
    .looseObject({
      version: z.int(),
      eventId: z.string().nullable(),
      reason: z.string().describe('A code: a break of the hash chain (events/hash-chain.ts), INVALID_ENVELOPE or TRUNCATED'),
      detail: z.string(),
    })
    .nullable()
    .describe('The first altered, removed or unreadable event'),
  headHash: z.string().nullable(),
  lastVersion: z.int(),
  readModelVersion: z.int().nullable(),
});

export const caseExportSchema = z.object({
  format: z.string(),
  formatVersion: z.int(),
  caseId: z.string(),
  stream: z.string(),
  exportedAt: isoTime,
  exportedBy: z.looseObject({ id: z.string(), role: z.string(), organisation: z.string() }),
  head: z.object({ version: z.int(), hash: z.string().nullable() }),
  events: z.array(storedEnvelopeSchema).describe('The stored envelopes, as stored (sealed values stay sealed), to verify offline'),
  opened: z
    .array(
      z.object({
        version: z.int(),
        data: openRecord('The event data, whose members differ per event type and version (events/catalogue/*)'),
      }),
    )
    .describe("Each event's data opened or masked for the caller"),
});
