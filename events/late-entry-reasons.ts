import * as z from 'zod';

/**
 * Why a record is entered later than it happened: a closed set, not free text. The reason travels
 * outside the sealed data (on the envelope, so on the bus and in every export), where free text
 * could carry a person's name or situation (PIPL: issue 16 seals every free text); a code says what
 * supervisors need to judge the delay and nothing about the person.
 */
export const lateEntryReasons = {
  'paper-ledger': '纸质台账补录: kept on paper (a township workstation, an outreach visit) and entered afterwards',
  'system-outage': '系统停用期间: recorded on paper while the system could not be reached',
  'handed-over-late': '他处收件后移交: received by another office or person and handed over to the agency late',
  'arrived-by-post': '邮寄送达: a notification, application or document that arrived by post after the date it bears',
} as const;

export type LateEntryReason = keyof typeof lateEntryReasons;

export const lateEntryReasonSchema = z.enum(Object.keys(lateEntryReasons) as [LateEntryReason, ...LateEntryReason[]]);
