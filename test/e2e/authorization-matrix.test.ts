import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleKinds } from '../../domain/organisation/role-fit.ts';
import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { commandTable } from '../../functions/api/commands/command-table.ts';
import { routes } from '../../functions/api/routes.ts';
import { roles } from '../../functions/lib/auth/roles.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { captureOutput, type CapturedOutput } from '../support/capture-logs.ts';
import { validBody } from '../support/command-bodies.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { problemOf } from '../support/problem.ts';

// Every route, called as every role from every kind of organisation that may hold it
// (domain/organisation/role-fit.ts), on records of its own agency, a sibling agency in the same city,
// an agency of another city and one of another province, all from the seed registry the stack loads.
// What is expected is written here as data from the rules (docs/organisations.md "Scopes"), not
// read from the route table or the registry:
//   agency staff see their agency's cases; a bureau's administrators and auditors what lies under
//   the bureau (a provincial department: its province); a court, procuratorate or police office the
//   cases it notified, a detention centre or duty lawyer what it forwarded; an aid worker the cases
//   assigned to them, with a token of the case's agency or of the firm they are registered with;
//   an objection decision or deception finding only the bureau over the case's agency.
// Allowed: any status but 403. Denied: 403 with a reason, and an `access denied` log line.

type Role = (typeof roles)[number];

// ---- who may call each route (by role) ----------------------------------------------------------
const reviewer: Role[] = ['agency-reviewer'];
const lawyer: Role[] = ['aid-worker'];
const supervisor: Role[] = ['supervisor'];
const administrator: Role[] = ['administrator'];
/** Finance works on funding, not case files; everyone else reads the cases in their scope. */
const caseReaders: Role[] = roles.filter((r) => r !== 'finance');
const auditReaders: Role[] = ['auditor', 'supervisor', 'administrator', 'agency-reviewer'];
/** An agency's lists and reports: its staff, and the auditor. */
const agencyReaders: Role[] = ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor'];
const qualityReaders: Role[] = ['supervisor', 'agency-reviewer', 'administrator', 'auditor'];
const fundingReaders: Role[] = ['finance', 'administrator', 'auditor'];
const finance: Role[] = ['finance'];

const expectedRoles: Record<string, readonly Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /openapi.json': 'public',
  'GET /public/statistics': 'public',
  // A workstation clerk takes applications and consultations at its own station, for the station's agency (issue 19).
  'POST /applications': [...reviewer, 'workstation-clerk'],
  'POST /forwarded-applications': ['detention-centre', 'court', 'procuratorate', 'police', 'duty-lawyer'],
  'POST /defence-notifications': ['court', 'procuratorate', 'police'],
  ...Object.fromEntries(
    [
      'materials-requests',
      'materials',
      'means-assessment',
      'means-test-exemption',
      'means-check-waiver',
      'aid-before-review',
      'grant',
      'refusal',
      'withdrawal',
      'deemed-withdrawal',
      'assignment',
      'replacement',
      'complaints',
      'termination',
      'archiving',
      'objection-transmittals',
      'reinstatement',
      'transfers',
      'transfer-acceptance',
      'transfer-refusal',
    ].map((p) => [`POST /cases/{id}/${p}`, reviewer]),
  ),
  ...Object.fromEntries(
    ['meetings', 'file-readings', 'hearings', 'progress-reports', 'closing'].map((p) => [`POST /cases/{id}/${p}`, lawyer]),
  ),
  'POST /cases/{id}/assigned-lawyer-acknowledgement': ['court', 'procuratorate', 'police'],
  'POST /cases/{id}/preliminary-opinion': ['workstation-clerk'],
  'POST /cases/{id}/objections': administrator,
  'POST /cases/{id}/deception-finding': administrator,
  'POST /cases/{id}/objection-decision': administrator,
  ...Object.fromEntries(
    ['hearing-observations', 'file-reviews', 'authority-opinions', 'follow-ups', 'peer-reviews', 'complaint-handling'].map((p) => [
      `POST /cases/{id}/supervision/${p}`,
      supervisor,
    ]),
  ),
  'POST /consultations': ['agency-reviewer', 'duty-lawyer', 'workstation-clerk'],
  'POST /consultations/{id}/application-link': reviewer,
  'POST /duty-records': ['duty-lawyer'],
  ...Object.fromEntries(
    ['consultations', 'procedure-advice', 'measure-change-requests', 'opinions', 'plea-signings', 'closing'].map((p) => [
      `POST /duty-records/{id}/${p}`,
      ['duty-lawyer'],
    ]),
  ),
  // The duty programme: the rota by the agency's reviewer, attendance by its duty lawyers, duty pay by finance.
  'POST /duty-shifts': reviewer,
  'POST /duty-shifts/{id}/check-in': ['duty-lawyer'],
  'POST /duty-shifts/{id}/check-out': ['duty-lawyer'],
  'POST /duty-shifts/{id}/pay/approval': finance,
  'POST /duty-shifts/{id}/pay/payment': finance,
  'GET /duty-shifts/{id}': ['duty-lawyer', 'agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  'GET /duty-stations/{id}/figures': qualityReaders,
  'GET /workstations/{id}/figures': [...qualityReaders, 'workstation-clerk'],
  // Cooperation between agencies (issue 19): the asked agency's reviewers answer; both agencies and the bureaus over them read.
  'POST /cooperation-requests': reviewer,
  'POST /cooperation-requests/{id}/acceptance': reviewer,
  'POST /cooperation-requests/{id}/declining': reviewer,
  'POST /cooperation-requests/{id}/completion': reviewer,
  'GET /cooperation-requests/{id}': ['agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  'GET /cooperation-requests/statistics': ['agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  'GET /cooperation-requests/overdue': ['agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  'POST /workers': administrator,
  'POST /workers/{id}/details': administrator,
  'POST /workers/{id}/deactivation': administrator,
  'POST /workers/{id}/reactivation': administrator,
  'GET /cases/{id}': caseReaders,
  // A case's funding: those who deal with its money, within the case's scope.
  'GET /cases/{id}/funding': ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor', 'aid-worker'],
  'GET /cases/{id}/history': auditReaders,
  'GET /cases/{id}/diff': auditReaders,
  'GET /cases/{id}/verify': auditReaders,
  'GET /cases/{id}/export': auditReaders,
  // Who read what (every read of personal data on record): the auditors and administrators.
  'GET /audit/reads': ['auditor', 'administrator'],
  // The other records the command API opens, read back where its 201 points.
  'GET /consultations/{id}': ['agency-reviewer', 'duty-lawyer', 'supervisor', 'administrator', 'auditor', 'workstation-clerk'],
  'GET /duty-records/{id}': ['duty-lawyer', 'agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  'GET /workers/{id}': ['administrator', 'agency-reviewer', 'supervisor', 'aid-worker', 'auditor'],
  // Funding (finance of the case's agency).
  'POST /funds/allocations': finance,
  'POST /cases/{id}/subsidy/approval': finance,
  'POST /cases/{id}/subsidy/payment': finance,
  // Read models: lists, scorecards, funds and reports, each of one agency, organisation or worker.
  'GET /cases': agencyReaders,
  'GET /cases/overdue': agencyReaders,
  'GET /cases/counts': agencyReaders,
  'GET /cases/by-origin': ['court', 'procuratorate', 'police', 'detention-centre', 'auditor'],
  'GET /cases/by-worker': ['aid-worker', 'agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  // The notice register (编号、留存根) of an agency and year: its staff and the bureaus over it.
  'GET /notice-register': agencyReaders,
  'GET /quality/cases/{id}': [...qualityReaders, 'aid-worker'],
  'GET /quality/agency': qualityReaders,
  'GET /quality/lawyer': [...qualityReaders, 'aid-worker'],
  'GET /quality/missing-checks': qualityReaders,
  'GET /supervision-bulletins': qualityReaders,
  'GET /funding/funds': fundingReaders,
  'GET /funding/lawyers': [...fundingReaders, 'aid-worker'],
  'GET /funding/months': fundingReaders,
  'GET /reports/monthly': agencyReaders,
  'GET /reports/annual': agencyReaders,
  // The organisation registry: its facts are public; changes and history for the justice bodies above.
  'POST /organisations': administrator,
  ...Object.fromEntries(['renaming', 'move', 'merger', 'closing', 'contacts'].map((p) => [`POST /organisations/{id}/${p}`, administrator])),
  'GET /organisations/{id}': roles,
  'GET /organisations/{id}/children': roles,
  'GET /organisations/{id}/path': roles,
  'GET /organisations/{id}/history': ['administrator', 'auditor'],
  // Erasure (PIPL Art 47): the administrators of the bureau over the record's agency.
  'POST /personal-data/erasures': administrator,
  'GET /personal-data/erasures/due': administrator,
  // The import of an older system's records: administrators, of the organisations their lines name or above them.
  'POST /imports': administrator,
  // The service standard: the agency's administrator opens and self-assesses, a bureau's above it inspects.
  'POST /service-assessments': administrator,
  'POST /service-assessments/{id}/self-assessment': administrator,
  'POST /service-assessments/{id}/inspection': administrator,
  'GET /service-assessments/{id}': ['agency-reviewer', 'supervisor', 'administrator', 'auditor'],
  'GET /service-standard/pass-rates': ['administrator', 'auditor'],
};

// ---- the organisations (all in the seed) --------------------------------------------------------
const XIHU = 'agency:hz-xihu';
const SHUSHAN = 'agency:hf-shushan';
/** The Xihu district's organisation of each kind (Hangzhou's city bureau, Zhejiang's department): where the callers sit. */
const ownOrganisation: Partial<Record<OrganisationKind, string>> = {
  'legal-aid-agency': XIHU,
  'county-bureau': 'justice-bureau:hz-xihu',
  'city-bureau': 'justice-bureau:hz',
  'provincial-department': 'justice-department:zj',
  court: 'court:hz-xihu',
  procuratorate: 'procuratorate:hz-xihu',
  'police-office': 'police:hz-xihu',
  'detention-centre': 'detention-centre:hz-1',
  'law-firm': 'law-firm:hz-xihu-mingli',
  'legal-service-office': 'legal-service-office:hz-xihu-lingyin',
  'township-workstation': 'workstation:hz-xihu-lingyin',
  'community-workstation': 'workstation:hz-xihu-cuiyuan',
};

// ---- the callers: every role × every kind that holds it, then the crossings the issue names ----
/** Lawyer Wang practises at the Mingli firm; worker Lin at the Lingyin legal-service office; both registered with the Xihu agency. */
const subjectOf = (role: Role, kind: OrganisationKind): string => {
  if (role === 'aid-worker') return kind === 'legal-service-office' ? 'worker-lin' : 'lawyer-wang';
  // A duty lawyer is one person with a token of the agency or of the firm: what they opened at one is not the other's.
  if (role === 'duty-lawyer') return principal(role).sub;
  return `${principal(role).sub}${kind === 'legal-aid-agency' || kind === 'court' ? '' : `-${kind}`}`;
};
const byRoleAndKind = Object.fromEntries(
  roles.flatMap((role) =>
    roleKinds[role]!.map((kind) => {
      const org = ownOrganisation[kind];
      if (!org) throw new Error(`the authorization matrix has no ${kind} to call from as ${role}: add one to ownOrganisation`);
      return [`${role}@${kind}`, principal(role, { sub: subjectOf(role, kind), org })];
    }),
  ),
) as Record<string, DevPrincipal>;
const callers: Record<string, DevPrincipal> = {
  ...byRoleAndKind,
  // The assigned lawyer's subject with a token of another organisation: a firm elsewhere, a sibling agency.
  'lawyer Wang@another firm': principal('aid-worker', { sub: 'lawyer-wang', org: 'law-firm:nb-yinzhou-zhengxin' }),
  'lawyer Wang@sibling agency': principal('aid-worker', { sub: 'lawyer-wang', org: 'agency:hz-gongshu' }),
  // Another province's staff and overseers.
  'agency-reviewer@Shushan': principal('agency-reviewer', { sub: 'reviewer-hf-01', org: SHUSHAN }),
  'administrator@Shushan': principal('administrator', { sub: 'admin-hf-01', org: SHUSHAN }),
  'auditor@Anhui department': principal('auditor', { sub: 'auditor-ah-01', org: 'justice-department:ah' }),
  'auditor@Hefei': principal('auditor', { sub: 'auditor-hf-01', org: 'justice-bureau:hf' }),
};
type Caller = string;

// ---- the cases, by scope ------------------------------------------------------------------------
// Own (the Xihu agency): N notified by the Xihu court and assigned to lawyer Wang; P notified by the
// Xihu procuratorate; L notified by the Xihu police and assigned to worker Lin; F forwarded by
// Hangzhou's detention centre; D forwarded by a Xihu duty lawyer; T taken at the Lingyin station by
// its clerk (issue 19). Sibling: G, the Gongshu agency's
// (Hangzhou's court notified it). Another city: Y, Ningbo's Yinzhou agency's. Another province: A,
// the Shushan agency's in Hefei.
const own = ['N', 'P', 'L', 'F', 'D', 'T'] as const;
const caseNames = [...own, 'G', 'Y', 'A'] as const;
type CaseName = (typeof caseNames)[number];
/** Commands are tried on fewer cases: one of each scope, worker Lin's and the station's. */
const commandCases: readonly CaseName[] = ['N', 'L', 'T', 'G', 'Y', 'A'];

const seesCases: Record<Caller, readonly CaseName[]> = {
  'court@court': ['N'],
  'procuratorate@procuratorate': ['P'],
  'police@police-office': ['L'],
  'detention-centre@detention-centre': ['F'],
  'agency-reviewer@legal-aid-agency': own,
  'aid-worker@legal-aid-agency': ['N'],
  'aid-worker@law-firm': ['N'],
  'aid-worker@legal-service-office': ['L'],
  'duty-lawyer@legal-aid-agency': ['D'],
  'duty-lawyer@law-firm': [],
  // A workstation clerk: the applications its station took (issue 19).
  'workstation-clerk@township-workstation': ['T'],
  'workstation-clerk@community-workstation': [],
  'supervisor@legal-aid-agency': own,
  'finance@legal-aid-agency': own,
  'auditor@county-bureau': own,
  'auditor@city-bureau': [...own, 'G'],
  'auditor@provincial-department': [...own, 'G', 'Y'],
  'administrator@legal-aid-agency': own,
  'administrator@county-bureau': own,
  'administrator@city-bureau': [...own, 'G'],
  'administrator@provincial-department': [...own, 'G', 'Y'],
  'lawyer Wang@another firm': [],
  'lawyer Wang@sibling agency': [],
  'agency-reviewer@Shushan': ['A'],
  'administrator@Shushan': ['A'],
  'auditor@Anhui department': ['A'],
  'auditor@Hefei': ['A'],
};
/** Objections lodged, objection decisions and deception findings: only the bureau over the case's agency (Xihu's, for the own cases). */
const decidesAsBureau: Record<Caller, readonly CaseName[]> = { 'administrator@county-bureau': own };
const bureauDecisionRoutes = ['POST /cases/{id}/objections', 'POST /cases/{id}/objection-decision', 'POST /cases/{id}/deception-finding'];

// ---- the other records, and whose they are -----------------------------------------------------
// C: a consultation in the Xihu agency's ledger; CA: one in the Shushan agency's. R: a duty record a
// Xihu duty lawyer opened. W: lawyer Wang's registry record (Xihu agency, Mingli firm); WA: a
// Shushan lawyer's. S: a shift of the Xihu court station's rota, with the Xihu duty lawyer on it.
// K: a cooperation request the Xihu agency made of the Shushan agency.
// SA: the Xihu agency's service assessment of a year (SI: the same, as the inspection route acts on it).
type RecordName = 'C' | 'CA' | 'R' | 'W' | 'WA' | 'S' | 'K' | 'SA' | 'SI';
const zhejiangOverseers: Caller[] = [
  'auditor@county-bureau',
  'auditor@city-bureau',
  'auditor@provincial-department',
  'administrator@county-bureau',
  'administrator@city-bureau',
  'administrator@provincial-department',
];
const xihuStaff: Caller[] = [
  'agency-reviewer@legal-aid-agency',
  'supervisor@legal-aid-agency',
  'finance@legal-aid-agency',
  'administrator@legal-aid-agency',
];
const anhui: Caller[] = ['agency-reviewer@Shushan', 'administrator@Shushan', 'auditor@Anhui department', 'auditor@Hefei'];
const readsRecord: Record<RecordName, readonly Caller[]> = {
  C: [...xihuStaff, ...zhejiangOverseers, 'duty-lawyer@legal-aid-agency'],
  CA: anhui,
  R: [...xihuStaff, ...zhejiangOverseers, 'duty-lawyer@legal-aid-agency'],
  W: [...xihuStaff, ...zhejiangOverseers, 'aid-worker@legal-aid-agency', 'aid-worker@law-firm'],
  WA: anhui,
  S: [...xihuStaff, ...zhejiangOverseers, 'duty-lawyer@legal-aid-agency'],
  K: [...xihuStaff, ...zhejiangOverseers, ...anhui],
  SA: [...xihuStaff, ...zhejiangOverseers],
  SI: [...xihuStaff, ...zhejiangOverseers],
};
/** Acting on a record: those who keep it, never a bureau over them. */
const actsOnRecord: Record<RecordName, readonly Caller[]> = {
  C: xihuStaff,
  CA: ['agency-reviewer@Shushan', 'administrator@Shushan'],
  R: ['duty-lawyer@legal-aid-agency'],
  W: ['administrator@legal-aid-agency'],
  WA: ['administrator@Shushan'],
  // Its lawyer checks in and out; the agency's finance approves and pays its duty pay.
  S: ['duty-lawyer@legal-aid-agency', 'finance@legal-aid-agency'],
  K: ['agency-reviewer@Shushan'],
  // The agency self-assesses; the bureaus above it inspect (county, city, province), never the agency.
  SA: ['administrator@legal-aid-agency'],
  SI: ['administrator@county-bureau', 'administrator@city-bureau', 'administrator@provincial-department'],
};
const recordsOf = {
  consultation: ['C', 'CA'],
  duty: ['R'],
  worker: ['W', 'WA'],
  shift: ['S'],
  cooperation: ['K'],
  assessment: ['SA'],
  inspection: ['SI'],
} as const;
/** The stream each record is named by in the read audit (`record=`); a shift and a cooperation request hold no personal data, so no read of it is audited. */
const streamPrefixOf: Partial<Record<RecordName, string>> = {
  C: 'consultation#',
  CA: 'consultation#',
  R: 'duty#',
  W: 'worker#',
  WA: 'worker#',
};

// ---- read models ----------------------------------------------------------------------------------
// Lists, scorecards and reports are scoped in functions/api/read-models/access.ts, which the
// reports work rolls up along the registry; here they are called by the callers whose answer that
// does not change: agency staff, authorities and aid workers with their own organisation's token.
const readModelCallers: readonly Caller[] = Object.keys(callers).filter(
  (c) =>
    !zhejiangOverseers.includes(c) &&
    !['auditor@Anhui department', 'auditor@Hefei', 'lawyer Wang@another firm', 'lawyer Wang@sibling agency'].includes(c),
);
type QueryTarget = { name: string; query: string; readers: readonly Caller[] };
const agencyTargets = (extra = ''): QueryTarget[] => [
  { name: 'own agency', query: `agencyId=${XIHU}${extra}`, readers: xihuStaff },
  { name: 'another province', query: `agencyId=${SHUSHAN}${extra}`, readers: ['agency-reviewer@Shushan', 'administrator@Shushan'] },
];
/** A worker's records: the worker itself, and staff (who see only their agency's items); never another aid worker. */
const workerTargets: QueryTarget[] = [
  { name: 'lawyer Wang', query: 'workerId=lawyer-wang', readers: readModelCallers.filter((c) => c !== 'aid-worker@legal-service-office') },
  {
    name: 'worker Lin',
    query: 'workerId=worker-lin',
    readers: readModelCallers.filter((c) => !['aid-worker@legal-aid-agency', 'aid-worker@law-firm'].includes(c)),
  },
];
const queryTargets: Record<string, QueryTarget[]> = {
  'GET /cases': agencyTargets(),
  'GET /cases/overdue': agencyTargets(),
  'GET /cases/counts': agencyTargets(),
  'GET /cases/by-origin': [
    { name: 'the Xihu court', query: 'organisationId=court:hz-xihu', readers: ['court@court'] },
    { name: 'detention centre hz-1', query: 'organisationId=detention-centre:hz-1', readers: ['detention-centre@detention-centre'] },
  ],
  'GET /cases/by-worker': workerTargets,
  'GET /notice-register': agencyTargets('&year=2026'),
  'GET /quality/agency': agencyTargets(),
  'GET /quality/lawyer': workerTargets,
  'GET /quality/missing-checks': agencyTargets(),
  'GET /supervision-bulletins': agencyTargets('&month=2026-01').map((t) => ({
    ...t,
    query: t.query.replace('agencyId=', 'organisationId='),
  })),
  'GET /funding/funds': agencyTargets(),
  'GET /funding/lawyers': [...agencyTargets(), ...workerTargets],
  'GET /funding/months': agencyTargets('&year=2026'),
  'GET /reports/monthly': agencyTargets('&month=2026-01'),
  'GET /reports/annual': agencyTargets('&year=2026'),
  'GET /cooperation-requests/statistics': agencyTargets(),
  'GET /cooperation-requests/overdue': agencyTargets(),
};
/** A city's or province's service-standard pass rates: the administrators and auditors of that bureau and of those above it. */
const passRateTargets: { name: string; query: string; readers: readonly Caller[] }[] = [
  {
    name: 'Hangzhou',
    query: 'bureauId=justice-bureau:hz&year=2026',
    readers: ['administrator@city-bureau', 'auditor@city-bureau', 'administrator@provincial-department', 'auditor@provincial-department'],
  },
  { name: 'Anhui', query: 'bureauId=justice-department:ah&year=2026', readers: ['auditor@Anhui department'] },
];
/** A station's figures are its agency's: read as the agency's aggregates are; a workstation's also by its own clerk. */
const stationTargets: Record<string, { name: string; id: string; readers: readonly Caller[] }[]> = {
  'GET /duty-stations/{id}/figures': [
    { name: 'the Xihu court station', id: 'workstation:hz-xihu-court', readers: xihuStaff },
    {
      name: 'the Shushan court station',
      id: 'workstation:hf-shushan-court',
      readers: ['agency-reviewer@Shushan', 'administrator@Shushan'],
    },
  ],
  'GET /workstations/{id}/figures': [
    { name: 'the Lingyin station', id: 'workstation:hz-xihu-lingyin', readers: [...xihuStaff, 'workstation-clerk@township-workstation'] },
    {
      name: 'the Shushan court station',
      id: 'workstation:hf-shushan-court',
      readers: ['agency-reviewer@Shushan', 'administrator@Shushan'],
    },
  ],
};
/** GET /quality/cases/{id} reads the quality read model: the case's agency's staff, and the workers ever assigned. */
const readsQualityOf: Record<Caller, readonly CaseName[]> = {
  ...Object.fromEntries(xihuStaff.map((c) => [c, own])),
  'aid-worker@legal-aid-agency': ['N'],
  'aid-worker@law-firm': ['N'],
  'aid-worker@legal-service-office': ['L'],
  'agency-reviewer@Shushan': ['A'],
  'administrator@Shushan': ['A'],
};

let stack: Awaited<ReturnType<typeof startTestStack>>;
let logs: CapturedOutput;
const ids: Record<CaseName | RecordName, string> = {
  N: '',
  T: '',
  P: '',
  L: '',
  F: '',
  D: '',
  G: '',
  Y: '',
  A: '',
  C: '',
  CA: '',
  R: '',
  W: 'lawyer-wang',
  WA: 'lawyer-ah',
  S: '',
  K: '',
  SA: '',
  SI: '',
};

const post = (as: DevPrincipal, path: string, body: unknown, headers: Record<string, string> = {}) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey(), ...headers } });
const created = (r: ApiResponse): string => {
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
};
const ok = (r: ApiResponse) => expect(r.status, JSON.stringify(r.body)).toBe(200);

/** A defence notification by `authority` (its role and stage) to `agencyId`. */
const notify = async (authority: DevPrincipal, agencyId: string, over: Record<string, unknown> = {}) => {
  const stage = { court: 'trial', procuratorate: 'prosecution-review', police: 'investigation' }[authority.role]!;
  const body = {
    ...validBody('ReceiveDefenceNotification', { org: authority.org, agencyId, workerId: '' }),
    authority: { kind: authority.role, organisationId: authority.org },
    stage,
    ...over,
  };
  return created(await post(authority, '/defence-notifications', body));
};

beforeAll(async () => {
  logs = captureOutput();
  stack = await startTestStack('e2e-authz', { logLevel: 'WARN' });
  const c = callers;
  const xihuAdmin = c['administrator@legal-aid-agency']!;
  const xihuReviewer = c['agency-reviewer@legal-aid-agency']!;
  const register = (admin: DevPrincipal, agencyId: string, workerId: string, firmId: string | null) =>
    post(admin, '/workers', { ...validBody('RegisterAidWorker', { org: admin.org, agencyId, workerId }), firmId });
  created(await register(xihuAdmin, XIHU, 'lawyer-wang', 'law-firm:hz-xihu-mingli'));
  created(await register(xihuAdmin, XIHU, 'worker-lin', 'legal-service-office:hz-xihu-lingyin'));
  created(await register(c['administrator@Shushan']!, SHUSHAN, 'lawyer-ah', null));
  created(await register(xihuAdmin, XIHU, principal('duty-lawyer').sub, null));
  [ids.N, ids.P, ids.L, ids.G, ids.Y, ids.A] = await Promise.all([
    notify(c['court@court']!, XIHU),
    notify(c['procuratorate@procuratorate']!, XIHU),
    notify(c['police@police-office']!, XIHU),
    notify(principal('court', { sub: 'clerk-hz-01', org: 'court:hz' }), 'agency:hz-gongshu'),
    notify(principal('court', { sub: 'clerk-nb-01', org: 'court:nb-yinzhou' }), 'agency:nb-yinzhou'),
    notify(principal('court', { sub: 'clerk-hf-01', org: 'court:hf-shushan' }), SHUSHAN, { province: '34' }),
  ]);
  ok(await post(xihuReviewer, `/cases/${ids.N}/assignment`, { workerId: 'lawyer-wang' }));
  ok(await post(xihuReviewer, `/cases/${ids.L}/assignment`, { workerId: 'worker-lin' }));
  const detentionCentre = c['detention-centre@detention-centre']!;
  const dutyLawyer = c['duty-lawyer@legal-aid-agency']!;
  ids.F = created(
    await post(
      detentionCentre,
      '/forwarded-applications',
      validBody('ReceiveForwardedApplication', { org: detentionCentre.org, agencyId: XIHU, workerId: '' }),
    ),
  );
  ids.D = created(
    await post(dutyLawyer, '/forwarded-applications', {
      ...validBody('ReceiveForwardedApplication', { org: dutyLawyer.org, agencyId: XIHU, workerId: '' }),
      forwarder: { kind: 'duty-lawyer', organisationId: dutyLawyer.org },
    }),
  );
  ids.C = created(await post(xihuReviewer, '/consultations', validBody('RecordConsultation', { org: XIHU, agencyId: XIHU, workerId: '' })));
  const shushanReviewer = c['agency-reviewer@Shushan']!;
  ids.CA = created(
    await post(shushanReviewer, '/consultations', validBody('RecordConsultation', { org: SHUSHAN, agencyId: SHUSHAN, workerId: '' })),
  );
  ids.K = created(
    await post(
      c['agency-reviewer@legal-aid-agency']!,
      '/cooperation-requests',
      validBody('RequestCooperation', { org: XIHU, agencyId: XIHU, workerId: '' }),
    ),
  );
  const clerk = c['workstation-clerk@township-workstation']!;
  ids.T = created(
    await post(clerk, '/applications', {
      ...validBody('ReceiveApplication', { org: clerk.org, agencyId: XIHU, workerId: '' }),
      stationId: clerk.org,
    }),
  );
  ids.R = created(await post(dutyLawyer, '/duty-records', validBody('OpenDutyRecord', { org: XIHU, agencyId: XIHU, workerId: '' })));
  ids.S = created(await post(xihuReviewer, '/duty-shifts', validBody('PlanDutyShift', { org: XIHU, agencyId: XIHU, workerId: '' })));
  // Two years back: the year the opening route is tried on (last year's) stays free.
  const assessment = {
    ...validBody('OpenServiceAssessment', { org: XIHU, agencyId: XIHU, workerId: '' }),
    year: new Date().getUTCFullYear() - 2,
  };
  ids.SA = created(await post(xihuAdmin, '/service-assessments', assessment));
  ids.SI = ids.SA;
  await stack.settle();
  logs.clear();
}, 120_000);
afterAll(async () => {
  logs?.restore();
  await stack?.stop();
});

// ---- the calls ----------------------------------------------------------------------------------
type Call = { caller: Caller; routeKey: string; target: string; allowed: boolean; run: () => Promise<ApiResponse> };

const commandOf = (routeKey: string) => commandTable.find((c) => `POST ${c.path}` === routeKey)?.command;

/** The agency a command names: the Xihu agency for a notification or forwarding (sent to an agency), else the caller's own organisation. */
const ownAgency = (p: DevPrincipal, routeKey = '') =>
  routeKey === 'POST /forwarded-applications' || routeKey === 'POST /defence-notifications' || p.role === 'workstation-clerk'
    ? XIHU
    : p.org;

/** The body an opening command takes from this caller: naming its own organisation, in its own capacity. */
const openingBody = (routeKey: string, p: DevPrincipal, agencyId: string) => {
  const body = validBody(commandOf(routeKey)!, { org: p.org, agencyId, workerId: `worker-${newKey()}` });
  if (routeKey === 'POST /forwarded-applications') {
    body.forwarder = {
      kind: p.role === 'detention-centre' || p.role === 'duty-lawyer' ? p.role : 'handling-authority',
      organisationId: p.org,
    };
  }
  // A clerk records at its own station (issue 19): the station in the body, the agency the station's.
  if (p.role === 'workstation-clerk') body[routeKey === 'POST /consultations' ? 'workstationId' : 'stationId'] = p.org;
  if (routeKey === 'POST /defence-notifications') {
    body.authority = { kind: p.role, organisationId: p.org };
    body.stage = { court: 'trial', procuratorate: 'prosecution-review', police: 'investigation' }[p.role];
  }
  return body;
};

const targetKind = (
  method: string,
  path: string,
):
  | 'case'
  | 'quality'
  | keyof typeof recordsOf
  | 'organisation'
  | 'open'
  | 'query'
  | 'erasure'
  | 'read-audit'
  | 'import'
  | 'station'
  | 'pass-rates' => {
  if (path === '/imports') return 'import';
  if (path.startsWith('/organisations')) return 'organisation';
  if (path === '/audit/reads') return 'read-audit';
  if (path === '/service-standard/pass-rates') return 'pass-rates';
  if (path.startsWith('/personal-data/')) return 'erasure';
  if (!path.includes('{id}')) return method === 'GET' ? 'query' : 'open';
  if (path.startsWith('/quality/cases/')) return 'quality';
  if (path.startsWith('/cases/')) return 'case';
  if (path.startsWith('/consultations/')) return 'consultation';
  if (path.startsWith('/duty-records/')) return 'duty';
  if (path.startsWith('/workers/')) return 'worker';
  if (path.startsWith('/duty-shifts/')) return 'shift';
  if (path.startsWith('/duty-stations/') || path.startsWith('/workstations/')) return 'station';
  if (path.startsWith('/cooperation-requests/')) return 'cooperation';
  if (path === '/service-assessments/{id}/inspection') return 'inspection';
  if (path.startsWith('/service-assessments/')) return 'assessment';
  throw new Error(`the authorization matrix does not know whose record ${path} names: add it`);
};

const request = (method: string, path: string, routeKey: string, as: DevPrincipal, id: string) => {
  const concrete = path.replace('{id}', id) + (routeKey === 'GET /cases/{id}/diff' ? '?from=0&to=1' : '');
  if (method === 'GET') return () => stack.request('GET', concrete, { as });
  // An existing record: a version it cannot be at, so an admitted caller gets 412 and nothing is written.
  const command = commandOf(routeKey)!;
  return () =>
    post(as, concrete, validBody(command, { org: as.org, agencyId: ownAgency(as), workerId: 'lawyer-wang' }), { 'if-match': '"999999"' });
};

/**
 * The registry, about the Xihu agency and the Haishu agency (Ningbo): anyone reads their facts; a
 * justice body's administrators change what lies under it (or register under it), and its
 * administrators and auditors read its history: Xihu's county bureau, Hangzhou and Zhejiang for the
 * Xihu agency, Zhejiang alone for Haishu's, nobody in Anhui. An agency's own administrator keeps no
 * registry. Changes carry a version they cannot be at: allowed callers get 412, nothing is written.
 */
const organisationTargets = (routeKey: string): [string, string, readonly Caller[]][] => {
  const everyone = Object.keys(callers);
  const overseers = (role: string, where: string[]) => where.map((kind) => `${role}@${kind}`);
  const overXihu = ['county-bureau', 'city-bureau', 'provincial-department'];
  const overHaishu = ['provincial-department'];
  if (routeKey === 'GET /organisations/{id}/history')
    return [
      ['the Xihu agency', XIHU, [...overseers('administrator', overXihu), ...overseers('auditor', overXihu)]],
      ['the Haishu agency', 'agency:nb-haishu', [...overseers('administrator', overHaishu), ...overseers('auditor', overHaishu)]],
    ];
  if (routeKey.startsWith('GET '))
    return [
      ['the Xihu agency', XIHU, everyone],
      ['the Haishu agency', 'agency:nb-haishu', everyone],
    ];
  return [
    ['the Xihu agency', XIHU, overseers('administrator', overXihu)],
    ['the Haishu agency', 'agency:nb-haishu', overseers('administrator', overHaishu)],
  ];
};
const organisationCall = (route: { method: string; path: string }, routeKey: string, as: DevPrincipal, id: string) => {
  if (route.method === 'GET') return () => stack.request('GET', route.path.replace('{id}', id), { as });
  const body = validBody(commandOf(routeKey)!, { org: as.org, agencyId: id, workerId: `matrix-${newKey()}` });
  return () => post(as, route.path.replace('{id}', id), body, { 'if-match': '"999999"' });
};

/** The agency of each case tried by commands (for the erasures-due list, which names an agency). */
const agencyOfCase: Partial<Record<CaseName, string>> = {
  N: XIHU,
  L: XIHU,
  T: XIHU,
  G: 'agency:hz-gongshu',
  Y: 'agency:nb-yinzhou',
  A: SHUSHAN,
};
/**
 * Erasure, on a case of each scope: only the bureau over the case's agency. The cases are fresh, so an
 * admitted erasure is 409 RETENTION_NOT_ENDED and nothing is written; the due list names the agency.
 */
const erasureCall = (method: string, as: DevPrincipal, c: CaseName) =>
  method === 'GET'
    ? () => stack.request('GET', `/personal-data/erasures/due?agencyId=${agencyOfCase[c]}`, { as })
    : () =>
        post(as, '/personal-data/erasures', {
          recordKind: 'case',
          recordId: ids[c],
          legalBasis: 'retention-ended',
          reason: 'authorization matrix',
        });

const calls = (): Call[] => {
  const out: Call[] = [];
  for (const route of routes) {
    const routeKey = `${route.method} ${route.path}`;
    const expected = expectedRoles[routeKey];
    if (expected === 'public' || !route.authenticated) continue;
    const kind = targetKind(route.method, route.path);
    const reads = route.method === 'GET';
    for (const [name, p] of Object.entries(callers)) {
      const roleAllowed = expected!.includes(p.role as Role);
      if (kind === 'query') {
        if (!readModelCallers.includes(name)) continue;
        const targets = queryTargets[routeKey];
        if (!targets) throw new Error(`the authorization matrix does not know what ${routeKey} is about: add its targets`);
        for (const t of roleAllowed ? targets : targets.slice(0, 1)) {
          out.push({
            caller: name,
            routeKey,
            target: t.name,
            allowed: roleAllowed && t.readers.includes(name),
            run: () => stack.request('GET', `${route.path}?${t.query}`, { as: p }),
          });
        }
        continue;
      }
      if (kind === 'organisation') {
        const targets = organisationTargets(routeKey);
        for (const [target, id, allowedCallers] of roleAllowed ? targets : targets.slice(0, 1)) {
          out.push({
            caller: name,
            routeKey,
            target,
            allowed: roleAllowed && allowedCallers.includes(name),
            run: organisationCall(route, routeKey, p, id),
          });
        }
        continue;
      }
      if (kind === 'erasure') {
        for (const c of roleAllowed ? commandCases : commandCases.slice(0, 1))
          out.push({
            caller: name,
            routeKey,
            target: c,
            allowed: roleAllowed && (decidesAsBureau[name] ?? []).includes(c),
            run: erasureCall(route.method, p, c),
          });
        continue;
      }
      if (kind === 'import') {
        // One line about the Xihu agency (a grant on a record never imported: refused by its line, nothing
        // written): the administrators of the agency and of the bureaus over it; nobody in Anhui.
        const overXihu = ['legal-aid-agency', 'county-bureau', 'city-bureau', 'provincial-department'].map((k) => `administrator@${k}`);
        out.push({
          caller: name,
          routeKey,
          target: 'the Xihu agency',
          allowed: roleAllowed && overXihu.includes(name),
          run: () =>
            post(p, '/imports', {
              system: 'matrix',
              batch: 'matrix',
              lines: [
                {
                  line: 1,
                  record: `M-${newKey()}`,
                  command: 'GrantAid',
                  occurredAt: '2018-03-05T10:00:00+08:00',
                  actor: { role: 'agency-reviewer', id: 'legacy:matrix', organisation: XIHU },
                  data: { legalBasis: '《法律援助条例》第十条' },
                },
              ],
            }),
        });
        continue;
      }
      if (kind === 'station') {
        if (!readModelCallers.includes(name)) continue;
        const targets = stationTargets[routeKey]!;
        for (const t of roleAllowed ? targets : targets.slice(0, 1))
          out.push({
            caller: name,
            routeKey,
            target: t.name,
            allowed: roleAllowed && t.readers.includes(name),
            run: () => stack.request('GET', `${route.path.replace('{id}', t.id)}?month=2026-01`, { as: p }),
          });
        continue;
      }
      if (kind === 'pass-rates') {
        for (const t of roleAllowed ? passRateTargets : passRateTargets.slice(0, 1))
          out.push({
            caller: name,
            routeKey,
            target: t.name,
            allowed: roleAllowed && t.readers.includes(name),
            run: () => stack.request('GET', `/service-standard/pass-rates?${t.query}`, { as: p }),
          });
        continue;
      }
      if (kind === 'read-audit') {
        // Who read a record: whoever may read the record itself. What a person read: any auditor or
        // administrator, answered only the reads made under their organisation (read-audit.test.ts).
        const targets: [string, string, boolean][] = [
          ...caseNames.map((c): [string, string, boolean] => [c, `record=case%23${ids[c]}`, (seesCases[name] ?? []).includes(c)]),
          ...(Object.keys(streamPrefixOf) as (keyof typeof streamPrefixOf)[]).map((r): [string, string, boolean] => [
            r,
            `record=${encodeURIComponent(`${streamPrefixOf[r]}${ids[r]}`)}`,
            readsRecord[r].includes(name),
          ]),
          ['reads by a person', 'reader=reviewer-hz-01', true],
        ];
        for (const [target, query, inScope] of roleAllowed ? targets : targets.slice(0, 1))
          out.push({
            caller: name,
            routeKey,
            target,
            allowed: roleAllowed && inScope,
            run: () => stack.request('GET', `/audit/reads?${query}`, { as: p }),
          });
        continue;
      }
      if (kind === 'open') {
        out.push({
          caller: name,
          routeKey,
          target: 'own organisation',
          allowed: roleAllowed,
          run: () => post(p, route.path, openingBody(routeKey, p, ownAgency(p, routeKey))),
        });
        if (roleAllowed) {
          // The same in the name of another organisation (the agency, forwarder or authority it names): refused.
          const other = openingBody(
            routeKey,
            { ...p, org: p.org.replace(/:.*/, ':elsewhere') },
            ownAgency(p, routeKey).replace(/:.*/, ':elsewhere'),
          );
          out.push({ caller: name, routeKey, target: 'another organisation', allowed: false, run: () => post(p, route.path, other) });
        }
        continue;
      }
      let targets: [string, boolean][];
      if (kind === 'case') {
        const sees = bureauDecisionRoutes.includes(routeKey) ? (decidesAsBureau[name] ?? []) : (seesCases[name] ?? []);
        targets = (reads ? caseNames : commandCases).map((c) => [c, sees.includes(c)]);
      } else if (kind === 'quality') {
        if (!readModelCallers.includes(name)) continue;
        targets = (['N', 'L', 'A'] as const).map((c) => [c, (readsQualityOf[name] ?? []).includes(c)]);
      } else {
        targets = recordsOf[kind].map((r) => [r, (reads ? readsRecord : actsOnRecord)[r].includes(name)]);
      }
      // A role the route does not admit is refused whatever the record: one call is enough.
      for (const [target, inScope] of roleAllowed ? targets : targets.slice(0, 1)) {
        out.push({
          caller: name,
          routeKey,
          target,
          allowed: roleAllowed && inScope,
          run: request(route.method, route.path, routeKey, p, ids[target as CaseName | RecordName]),
        });
      }
    }
  }
  return out;
};

const inPool = async <T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
};

describe('authorization matrix', () => {
  it('the expected table covers exactly the routes of the route table', () => {
    expect(Object.keys(expectedRoles).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of routes) expect(r.authenticated, `${r.method} ${r.path}`).toBe(expectedRoles[`${r.method} ${r.path}`] !== 'public');
  });

  it('calls as every role from every kind of organisation that holds it, and says what each sees', () => {
    for (const role of roles)
      for (const kind of roleKinds[role]!) expect(Object.keys(callers), `${role} at a ${kind}`).toContain(`${role}@${kind}`);
    expect(Object.keys(seesCases).sort()).toEqual(Object.keys(callers).sort());
  });

  it('every route, as every caller, on own, sibling, other-city and other-province records: allowed or 403 with a reason, as the rules say', {
    timeout: 300_000,
  }, async () => {
    const all = calls();
    const results = await inPool(all, 6, async (call) => ({ call, response: await call.run() }));
    const wrong = results
      .filter(({ call, response }) => (call.allowed ? response.status === 403 : response.status !== 403))
      .map(
        ({ call, response }) =>
          `${call.caller} ${call.routeKey} on ${call.target}: expected ${call.allowed ? 'allowed' : '403'}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    expect(wrong).toEqual([]);
    const noReason = results
      .filter(({ response }) => response.status === 403)
      .filter(({ response }) => {
        const { reason } = problemOf(response.body);
        return reason.length < 10;
      });
    expect(noReason.map(({ call }) => `${call.caller} ${call.routeKey} ${call.target}`)).toEqual([]);
    expect(
      results
        .filter(({ response }) => response.status >= 500)
        .map(({ call, response }) => `${call.caller} ${call.routeKey}: ${response.status}`),
    ).toEqual([]);
    // Allowed and refused calls both occurred for every authenticated route.
    for (const r of routes.filter((x) => x.authenticated)) {
      const key = `${r.method} ${r.path}`;
      expect(
        results.some(({ call }) => call.routeKey === key && call.allowed),
        key,
      ).toBe(true);
      expect(
        // The registry's public facts are for every role, on every organisation: nothing to refuse there.
        expectedRoles[key] === roles || results.some(({ call }) => call.routeKey === key && !call.allowed),
        key,
      ).toBe(true);
    }

    // Every refusal was logged once, as a structured WARN line without the request's content.
    const denials = logs.records().filter((r) => r.message === 'access denied');
    expect(denials).toHaveLength(results.filter(({ response }) => response.status === 403).length);
    for (const d of denials) {
      expect(d).toMatchObject({
        level: 'WARN',
        principalId: expect.any(String),
        role: expect.any(String),
        organisation: expect.any(String),
        routeKey: expect.any(String),
        code: expect.any(String),
        reason: expect.any(String),
      });
    }
    const courtOnY = denials.find(
      (d) => d.principalId === callers['court@court']!.sub && d.routeKey === 'GET /cases/{id}' && d.recordId === ids.Y,
    );
    expect(courtOnY).toMatchObject({ role: 'court', organisation: 'court:hz-xihu', code: 'OUT_OF_SCOPE' });
    expect(JSON.stringify(denials)).not.toContain('330106');
  });

  it('the issue’s crossings, each a 403 naming the organisation and why', async () => {
    const as = (caller: Caller) => callers[caller]!;
    const refused = async (r: Promise<ApiResponse>, reason: RegExp) => {
      const response = await r;
      expect(response.status, JSON.stringify(response.body)).toBe(403);
      expect(problemOf(response.body).reason).toMatch(reason);
    };
    // An agency's administrator decides no objection and finds no deception on its own agency's case.
    for (const path of ['objection-decision', 'deception-finding'])
      await refused(
        post(
          as('administrator@legal-aid-agency'),
          `/cases/${ids.N}/${path}`,
          validBody(commandOf(`POST /cases/{id}/${path}`)!, { org: XIHU, agencyId: XIHU, workerId: '' }),
        ),
        /justice-bureau:hz-xihu/,
      );
    // The assigned lawyer's subject with another organisation's token reads and changes nothing.
    for (const caller of ['lawyer Wang@another firm', 'lawyer Wang@sibling agency']) {
      await refused(stack.request('GET', `/cases/${ids.N}`, { as: as(caller) }), new RegExp(as(caller).org));
      await refused(
        post(as(caller), `/cases/${ids.N}/meetings`, validBody('RecordClientMeeting', { org: '', agencyId: '', workerId: '' })),
        new RegExp(as(caller).org),
      );
    }
    // Anhui's auditor reads nothing of a Hangzhou case: not the case, its history, audit trail or export.
    for (const path of ['', '/history', '/diff?from=0&to=1', '/verify', '/export'])
      await refused(
        stack.request('GET', `/cases/${ids.N}${path}`, { as: as('auditor@Anhui department') }),
        /does not lie under justice-department:ah/,
      );
    // Nor who read it.
    await refused(
      stack.request('GET', `/audit/reads?record=case%23${ids.N}`, { as: as('auditor@Anhui department') }),
      /does not lie under justice-department:ah/,
    );
  });

  it('the auditor changes nothing: every POST is 403', async () => {
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const path = route.path.replace('{id}', ids.N);
      const r = await post(callers['auditor@city-bureau']!, path, {});
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
      expect(problemOf(r.body)).toMatchObject({ code: 'ROLE_NOT_ALLOWED', reason: expect.stringContaining('auditor') });
    }
  });

  it("a token whose role is not one of the system's is refused everywhere, with a reason", async () => {
    const stranger = { ...callers['agency-reviewer@legal-aid-agency']!, role: 'root' };
    for (const route of routes.filter((r) => r.authenticated)) {
      const path = route.path.replace('{id}', ids.N);
      const r = route.method === 'GET' ? await stack.request('GET', path, { as: stranger }) : await post(stranger, path, {});
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
      expect(problemOf(r.body)).toMatchObject({ code: 'UNKNOWN_ROLE' });
    }
  });
});
