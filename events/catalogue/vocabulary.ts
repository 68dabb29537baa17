import * as z from 'zod';
import { fact, freeText, personal } from '../personal/marks.ts';

// The words the law and the seeds use, as closed sets: a value outside them is a 400, not a new category.

export const categorySchema = z.enum(['criminal', 'civil', 'administrative', 'state-compensation', 'labour', 'non-litigation']);
export type Category = z.infer<typeof categorySchema>;

/** Forms of aid, Art 22. */
export const formOfAidSchema = z.enum([
  'consultation',
  'document-drafting',
  'criminal-defence',
  'criminal-representation',
  'litigation-representation',
  'non-litigation-representation',
  'duty-lawyer-help',
  'labour-mediation-arbitration',
]);
export type FormOfAid = z.infer<typeof formOfAidSchema>;

/** Where an application was taken in, Art 13 and Art 38. */
export const applicationChannelSchema = z.enum(['agency-window', 'township-workstation', 'online']);

export const applicantRoleSchema = z.enum(['self', 'legal-representative', 'close-relative']);

/** Priority groups the seeds report aided persons by. */
export const priorityGroupSchema = z.enum(['migrant-worker', 'unemployed', 'woman', 'minor', 'elderly', 'disabled', 'military-family']);

/** Province code (GB/T 2260 two-digit prefix, e.g. "33" Zhejiang): chooses the rule set. */
export const provinceSchema = fact(z.string().regex(/^\d{2}$/, 'a two-digit province code (GB/T 2260)'), 'an administrative code');

/** 18-character resident identity number; the last character may be X. */
export const identityNumberSchema = z.string().regex(/^\d{17}[\dX]$/, 'an 18-character resident identity number');

export const personSchema = z.strictObject({
  name: personal('name', z.string().min(1).max(100)),
  identityNumber: personal('identity-number', identityNumberSchema),
  phone: personal('phone', z.string().regex(/^[0-9+\- ]{5,20}$/, 'a phone number')).optional(),
  address: personal('address', z.string().min(1).max(300)).optional(),
  priorityGroups: z.array(priorityGroupSchema).max(7).default([]),
});
export type Person = z.infer<typeof personSchema>;

export const isoTimeSchema = z.iso.datetime({ offset: true });
export const organisationIdSchema = fact(
  z.string().regex(/^[a-z-]+:[A-Za-z0-9_.-]{1,100}$/, 'an organisation id such as agency:hz-xihu'),
  'the id of an organisation in the registry, not of a person',
);

/** A China calendar date, YYYY-MM-DD. */
export const dateSchema = z.iso.date();

/** Money in fen (分), integral: yuan amounts with decimals are where rounding errors start. */
export const fenSchema = z.int().min(0);

/** Free text of a record: a summary, reasons, findings. */
export const textSchema = freeText();

/** Text about an organisation or a worker record (why it changed): about the body, not a person helped. */
export const adminText = (min = 0) => fact(z.string().min(min).max(4000), 'why a registry or worker record changed');

export const listOf = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max);

/** Who sends a forwarded application, Art 39 (a duty lawyer, Art 40 / duty-lawyer rules). */
export const forwarderKindSchema = z.enum(['detention-centre', 'handling-authority', 'duty-lawyer']);

/** Who notifies an agency to provide defence, Art 25 and Art 36. */
export const notifyingAuthorityKindSchema = z.enum(['court', 'procuratorate', 'police']);

export const authoritySchema = z.strictObject({ kind: notifyingAuthorityKindSchema, organisationId: organisationIdSchema });
export type Authority = z.infer<typeof authoritySchema>;

/** Art 25 ¶1, Art 25 ¶2 and Art 28: when a suspect or defendant without a lawyer is given one on notification. */
export const notificationGroundSchema = z.enum([
  'minor',
  'blind-deaf-or-mute',
  'cannot-fully-understand-own-conduct',
  'possible-life-imprisonment-or-death',
  'death-penalty-review-applicant',
  'trial-in-absentia',
  'compulsory-medical-respondent',
  'court-discretionary-ordinary-procedure',
]);
export type NotificationGround = z.infer<typeof notificationGroundSchema>;

export const criminalStageSchema = z.enum(['investigation', 'prosecution-review', 'trial', 'death-penalty-review', 'compulsory-medical']);
export type CriminalStage = z.infer<typeof criminalStageSchema>;

export const aidWorkerKindSchema = z.enum(['lawyer', 'grassroots-legal-worker']);
export type AidWorkerKind = z.infer<typeof aidWorkerKindSchema>;

/** Where duty lawyers sit, Art 14 and Art 30. */
export const dutyStationKindSchema = z.enum(['court', 'procuratorate', 'detention-centre']);

/** Id of a record the caller names: a case, worker, complaint, objection, consultation, duty record. */
export const recordIdSchema = fact(
  z.string().min(1).max(100),
  "an id the system or the caller gives a record (case, worker, complaint); never a person's identity number (the input guard and the authorization test keep ids opaque)",
);
