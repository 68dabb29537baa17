import * as z from 'zod';
import { fact } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { dateSchema, isoTimeSchema } from './vocabulary.ts';

// Fresh schemas, not the shared id schemas of vocabulary.ts: `fact` marks the very schema object it
// is given, and what the shared ones are is vocabulary.ts's to declare.

// Erasure of a record's personal data (PIPL Art 47), appended to the erased record's own stream so its
// audit trail shows who erased it, when and why. Every field is a fact, never personal: the record's
// key is destroyed right after this event is stored, and a personal field here would be erased with
// it. The reason says why the record is erased (the rule, the request), not who the person is.

export const erasureRecordKindSchema = z.enum(['case', 'consultation', 'duty', 'worker']);
export const erasureBasisSchema = z.enum(['retention-ended', 'purpose-achieved', 'consent-withdrawn', 'processing-unlawful']);

export const PersonalDataErased = defineEvent(
  'PersonalDataErased',
  1,
  z.strictObject({
    recordKind: erasureRecordKindSchema,
    recordId: fact(z.string().min(1).max(100), 'the id of the record erased, not of a person'),
    legalBasis: z.strictObject({
      code: erasureBasisSchema,
      article: fact(z.string().min(1).max(100), 'the article of PIPL the erasure rests on'),
    }),
    /** The administrator who approved it: the caller, never a name in the body. */
    approver: z.strictObject({
      id: fact(z.string().min(1).max(200), 'the approving official, acting in office'),
      role: fact(z.string().min(1).max(50), 'a role of the system'),
      organisation: fact(z.string().min(1).max(200), 'an organisation of the registry'),
    }),
    reason: fact(z.string().min(1).max(1000), 'why the record is erased (the rule or request), written not to name the person'),
    retention: z.strictObject({
      ruleId: fact(z.string().min(1).max(100), 'a retention rule id (domain/rules/retention.ts)'),
      years: z.int().min(0).nullable(),
      binding: z.boolean(),
      source: fact(z.string().min(1).max(500), 'the rule text the retention period comes from'),
      /** The day the record's business ended; null for a record that never ended (erased early). */
      endedOn: dateSchema.nullable(),
      /** The first day the period allowed erasure; null when it was kept permanently or erased early. */
      endsOn: dateSchema.nullable(),
    }),
    erasedAt: isoTimeSchema,
  }),
);

export const privacyEventDefinitions = [PersonalDataErased] as const;
export type PrivacyEvent = EventOf<(typeof privacyEventDefinitions)[number]>;
