import type { PersonalKind } from '../../../events/personal/marks.ts';
import type { Role } from './roles.ts';

// Personal data is masked for roles that do not need it. A sealed value is masked by the kind its
// catalogue mark gave it (maskByKind, applied by privacy/open-personal.ts); a plain value in a record
// from before sealing is masked by its mark where the event is known (privacy/digests.ts
// maskPlainByMark: history, diff, export) and by field name anywhere else (maskPersonalData).

const maskIdentityNumber = (v: string) =>
  v.length >= 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : '*'.repeat(v.length);
// A phone shows its last 4 digits only. Showing the first 3 as well (138****1111) left 4 hidden digits:
// 10,000 candidates, few enough to try all against anything that confirms one (a digest, a call). With
// the prefix hidden too a mobile number leaves 10^7 (test/unit/mask.test.ts), and the last 4 still
// tell records apart as a bank statement does.
const maskPhone = (v: string) => (v.length >= 7 ? `${'*'.repeat(v.length - 4)}${v.slice(-4)}` : '*'.repeat(v.length));
const maskAddress = (v: string) => `${[...v].slice(0, 6).join('')}…`;

const maskers: Record<string, (v: string) => string> = {
  identityNumber: maskIdentityNumber,
  phone: maskPhone,
  address: maskAddress,
};

export const PERSONAL_FIELDS = Object.keys(maskers);

const maskName = (v: string) => {
  const chars = [...v];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

/** How each kind of personal value is shown to a role without a need: enough to tell records apart, never to recover it. */
export const maskByKind: Readonly<Record<PersonalKind, (v: string) => string>> = {
  name: maskName,
  'identity-number': maskIdentityNumber,
  phone: maskPhone,
  address: maskAddress,
  'birth-date': (v) => `${v.slice(0, 4)}-**-**`,
  charge: () => '[masked]',
  'free-text': () => '[masked]',
};

/**
 * A minor's data (PIPL Art 28 counts it sensitive, Art 31 asks for special rules) is shown in full only
 * to those who act for the minor: the reviewer deciding the aid and the lawyer assigned. Everyone
 * else who would see personal data in full sees a minor's masked (the author of an event still sees
 * what it recorded itself).
 */
export const minorsNeed: ReadonlySet<Role> = new Set<Role>(['agency-reviewer', 'aid-worker']);

/** A deep copy with every personal field masked. */
export const maskPersonalData = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map((v: unknown) => maskPersonalData(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' && maskers[k] ? maskers[k](v) : maskPersonalData(v),
    ]),
  ) as T;
};

// ---- Who needs personal data -------------------------------------------------------------------
//
// | role                                   | identity numbers, phones, addresses                   |
// |----------------------------------------|-------------------------------------------------------|
// | agency-reviewer                        | in full: reviews means and eligibility, contacts      |
// | aid-worker (only cases assigned)       | in full: represents the person                        |
// | auditor                                | in full: verifies the record as stored                |
// | administrator (agency or bureau)       | in full: a bureau decides objections and deception    |
// | supervisor, finance                    | masked: quality and money need no identity            |
// | court, procuratorate, police,          | masked, except in the events their own organisation   |
// | detention-centre, duty-lawyer          | recorded in their role (what they themselves sent)    |
//
// Which records each role reaches at all is the case scope (case-scope.ts); this table only decides
// how the personal data in what they reach is shown. The exemption for one's own events is found by
// shape: an object with `who` (history entry) or `actor` (envelope) naming the caller's organisation
// and role is shown as it is (so a supervisor does not see the application its agency's reviewer
// recorded, but a court sees the defendant it notified). Views without an author are masked whole.

export const personalDataNeed: Readonly<Record<Role, 'full' | 'masked'>> = {
  'agency-reviewer': 'full',
  'aid-worker': 'full',
  auditor: 'full',
  administrator: 'full',
  supervisor: 'masked',
  finance: 'masked',
  court: 'masked',
  procuratorate: 'masked',
  police: 'masked',
  'detention-centre': 'masked',
  'duty-lawyer': 'masked',
  // The clerk takes the applicant's identity and reads back the applications of its own station.
  'workstation-clerk': 'full',
};

type Caller = { role: string; organisation: string };

/** Whether the caller sees personal data in full; an unknown role never does. */
export const seesPersonalData = (caller: Caller): boolean => personalDataNeed[caller.role as Role] === 'full';

export const authoredBy = (value: Record<string, unknown>, caller: Caller): boolean => {
  const author = (value.who ?? value.actor ?? value.recordedBy) as { organisation?: unknown; role?: unknown } | undefined;
  return typeof author === 'object' && author !== null && author.organisation === caller.organisation && author.role === caller.role;
};

const maskExceptOwn = (value: unknown, caller: Caller): unknown => {
  if (Array.isArray(value)) return value.map((v: unknown) => maskExceptOwn(v, caller));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (authoredBy(record, caller)) return record;
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === 'string' && maskers[k] ? maskers[k](v) : maskExceptOwn(v, caller)]),
  );
};

/** Any answer as this caller may see it: unchanged for roles that need personal data, masked otherwise. */
export const personalDataFor = <T>(caller: Caller, value: T): T => (seesPersonalData(caller) ? value : (maskExceptOwn(value, caller) as T));
