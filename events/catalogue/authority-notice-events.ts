import * as z from 'zod';
import { fact } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { contactsSchema, organisationNameSchema } from './organisation-vocabulary.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

// Art 36: the agency that assigns a lawyer to a notified defence tells the notifying court,
// procuratorate or police office who the lawyer is; the authority reads it at its workstation and
// acknowledges it. Recorded on the case stream with the assignment (or the replacement) that caused it.

export const AuthorityToldOfAssignedLawyer = defineEvent(
  'AuthorityToldOfAssignedLawyer',
  1,
  z.strictObject({
    /** The organisation that notified the defence (its registry id). */
    authorityId: organisationIdSchema,
    workerId: recordIdSchema,
    lawyerName: fact(
      z.string().min(1).max(100),
      "the lawyer's professional name as on the assignment notice: the lawyer acts in office, not as a data subject of the case",
    ),
    /** The law firm or legal-service office the lawyer practises at; the agency itself for its own staff. */
    firmId: organisationIdSchema,
    firmName: organisationNameSchema,
    /** The firm's public contacts from the registry: never a person's own number. */
    contacts: contactsSchema,
    noticeAgencyId: organisationIdSchema,
    noticeYear: z.int().min(2003),
    noticeNumber: z.int().positive(),
    toldAt: isoTimeSchema,
  }),
);

export const AssignedLawyerAcknowledged = defineEvent(
  'AssignedLawyerAcknowledged',
  1,
  z.strictObject({ authorityId: organisationIdSchema, workerId: recordIdSchema, acknowledgedAt: isoTimeSchema }),
);

export const authorityNoticeEventDefinitions = [AuthorityToldOfAssignedLawyer, AssignedLawyerAcknowledged] as const;
