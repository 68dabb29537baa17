import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTable } from '../../functions/api/commands/command-table.ts';
import { routes } from '../../functions/api/routes.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { captureOutput, type CapturedOutput } from '../support/capture-logs.ts';
import { validBody } from '../support/command-bodies.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';

// Every route, called as every role, against records that are and are not theirs: another agency's
// case, another court's case, another duty lawyer's record, another agency's aid worker. What is
// expected is written here as data, from the access rules (docs/security.md), not read from the route table:
//   a court (procuratorate, police) sees the cases it notified; a detention centre the applications
//   it forwarded; an aid worker the cases assigned to them; agency staff their own agency's cases;
//   a justice bureau the cases with an objection lodged with it; an auditor everything, read-only.
// Allowed: any status but 403. Denied: 403 with a reason, and an `access denied` log line.

const ALL = [
  'court',
  'procuratorate',
  'police',
  'detention-centre',
  'agency-reviewer',
  'aid-worker',
  'duty-lawyer',
  'supervisor',
  'finance',
  'auditor',
  'administrator',
] as const;
type Role = (typeof ALL)[number];

// ---- who may call each route (by role) ----------------------------------------------------------
const reviewer: Role[] = ['agency-reviewer'];
const lawyer: Role[] = ['aid-worker'];
const supervisor: Role[] = ['supervisor'];
const bureau: Role[] = ['administrator'];
/** Finance works on funding, not case files; everyone else reads the cases in their scope. */
const caseReaders: Role[] = ALL.filter((r) => r !== 'finance');
const auditReaders: Role[] = ['auditor', 'supervisor', 'administrator', 'agency-reviewer'];
/** An agency's lists and reports: its staff, and the auditor. */
const agencyReaders: Role[] = ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor'];
const qualityReaders: Role[] = ['supervisor', 'agency-reviewer', 'administrator', 'auditor'];
const fundingReaders: Role[] = ['finance', 'administrator', 'auditor'];
const finance: Role[] = ['finance'];

const expectedRoles: Record<string, readonly Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /openapi.json': 'public',
  'POST /applications': reviewer,
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
      'objections',
    ].map((p) => [`POST /cases/{id}/${p}`, reviewer]),
  ),
  ...Object.fromEntries(
    ['meetings', 'file-readings', 'hearings', 'progress-reports', 'closing'].map((p) => [`POST /cases/{id}/${p}`, lawyer]),
  ),
  'POST /cases/{id}/deception-finding': bureau,
  'POST /cases/{id}/objection-decision': bureau,
  ...Object.fromEntries(
    ['hearing-observations', 'file-reviews', 'authority-opinions', 'follow-ups', 'peer-reviews', 'complaint-handling'].map((p) => [
      `POST /cases/{id}/supervision/${p}`,
      supervisor,
    ]),
  ),
  'POST /consultations': ['agency-reviewer', 'duty-lawyer'],
  'POST /consultations/{id}/application-link': reviewer,
  'POST /duty-records': ['duty-lawyer'],
  ...Object.fromEntries(
    ['consultations', 'procedure-advice', 'measure-change-requests', 'opinions', 'plea-signings', 'closing'].map((p) => [
      `POST /duty-records/{id}/${p}`,
      ['duty-lawyer'],
    ]),
  ),
  'POST /workers': bureau,
  'POST /workers/{id}/details': bureau,
  'POST /workers/{id}/deactivation': bureau,
  'POST /workers/{id}/reactivation': bureau,
  'GET /cases/{id}': caseReaders,
  'GET /cases/{id}/history': auditReaders,
  'GET /cases/{id}/diff': auditReaders,
  'GET /cases/{id}/verify': auditReaders,
  'GET /cases/{id}/export': auditReaders,
  // The other records the command API opens, read back where its 201 points.
  'GET /consultations/{id}': ['agency-reviewer', 'duty-lawyer', 'supervisor', 'administrator', 'auditor'],
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
  'GET /quality/cases/{id}': [...qualityReaders, 'aid-worker'],
  'GET /quality/agency': qualityReaders,
  'GET /quality/lawyer': [...qualityReaders, 'aid-worker'],
  'GET /quality/missing-checks': qualityReaders,
  'GET /funding/funds': fundingReaders,
  'GET /funding/lawyers': [...fundingReaders, 'aid-worker'],
  'GET /funding/months': fundingReaders,
  'GET /reports/monthly': agencyReaders,
  'GET /reports/annual': agencyReaders,
};

// ---- the callers --------------------------------------------------------------------------------
const HZ = 'agency:hz-xihu';
const NB = 'agency:nb-haishu';
const callers = {
  reviewer: principal('agency-reviewer'),
  reviewerNb: principal('agency-reviewer', { sub: 'reviewer-nb-01', org: NB }),
  court: principal('court'),
  courtNb: principal('court', { sub: 'clerk-nb-court-01', org: 'court:nb-haishu' }),
  procuratorate: principal('procuratorate'),
  police: principal('police'),
  detentionCentre: principal('detention-centre'),
  detentionCentreNb: principal('detention-centre', { sub: 'officer-nb-dc-01', org: 'detention-centre:nb-1' }),
  lawyerWang: principal('aid-worker'),
  lawyerLi: principal('aid-worker', { sub: 'lawyer-li' }),
  dutyLawyer: principal('duty-lawyer'),
  dutyLawyerZhang: principal('duty-lawyer', { sub: 'duty-lawyer-zhang' }),
  supervisor: principal('supervisor'),
  supervisorNb: principal('supervisor', { sub: 'supervisor-nb', org: NB }),
  finance: principal('finance'),
  auditor: principal('auditor'),
  admin: principal('administrator'),
  adminNb: principal('administrator', { sub: 'admin-nb', org: NB }),
  bureau: principal('administrator', { sub: 'bureau-officer-wu', org: 'justice-bureau:hz-xihu' }),
} satisfies Record<string, DevPrincipal>;
type Caller = keyof typeof callers;

// ---- the records, and whose they are ------------------------------------------------------------
/** N: notified by the Xihu court to the Xihu agency, assigned to lawyer Wang. F: forwarded by detention centre hz-1 to the Xihu agency. X: notified by the Haishu court to the Haishu agency. */
type CaseName = 'N' | 'F' | 'X';
type QueryTarget = { name: string; query: string; readers: readonly Caller[] };
const seesCases: Record<Caller, readonly CaseName[]> = {
  reviewer: ['N', 'F'],
  reviewerNb: ['X'],
  court: ['N'],
  courtNb: ['X'],
  procuratorate: [],
  police: [],
  detentionCentre: ['F'],
  detentionCentreNb: [],
  lawyerWang: ['N'],
  lawyerLi: [],
  dutyLawyer: [],
  dutyLawyerZhang: [],
  supervisor: ['N', 'F'],
  supervisorNb: ['X'],
  finance: ['N', 'F'],
  auditor: ['N', 'F', 'X'],
  admin: ['N', 'F'],
  adminNb: ['X'],
  bureau: [],
};
/** A case's quality record is scoped on the registry: Hangzhou's auditor reads Hangzhou's cases, not Ningbo's X. */
const seesQualityOf: Record<Caller, readonly CaseName[]> = { ...seesCases, auditor: ['N', 'F'] };
/** C: a consultation in the Xihu agency's ledger. D: a duty record lawyer Li opened. W: lawyer Wang, an aid worker of the Xihu agency. */
const ownsConsultation: readonly Caller[] = ['reviewer'];
/** Agency staff of each agency. */
const staffOf: Record<'HZ' | 'NB', readonly Caller[]> = {
  HZ: ['reviewer', 'supervisor', 'finance', 'admin'],
  NB: ['reviewerNb', 'supervisorNb', 'adminNb'],
};
/**
 * An agency's lists and figures: its staff and the auditor of a bureau it lies under (the auditor is
 * Hangzhou's: Xihu, not Ningbo's Haishu); its figures (`figures`) also the administrators of such a
 * bureau (Xihu's county bureau).
 */
const agencyTargets = (extra = '', { figures = false } = {}): QueryTarget[] => [
  {
    name: 'own agency',
    query: `agencyId=agency:hz-xihu${extra}`,
    readers: [...staffOf.HZ, 'auditor', ...(figures ? (['bureau'] as const) : [])],
  },
  { name: 'another agency', query: `agencyId=agency:nb-haishu${extra}`, readers: [...staffOf.NB] },
];
/** A worker's records: the worker itself; agency staff and the auditor (who see only their agency's items); never another aid worker. */
const workerTargets: QueryTarget[] = [
  { name: 'lawyer Wang', query: 'workerId=lawyer-wang', readers: (Object.keys(seesCases) as Caller[]).filter((c) => c !== 'lawyerLi') },
  {
    name: 'lawyer Chen',
    query: 'workerId=lawyer-chen',
    readers: (Object.keys(seesCases) as Caller[]).filter((c) => c !== 'lawyerLi' && c !== 'lawyerWang'),
  },
];
/** Where a read-model query names the agency, organisation or worker it is about. */
const queryTargets: Record<string, QueryTarget[]> = {
  'GET /cases': agencyTargets(),
  'GET /cases/overdue': agencyTargets(),
  'GET /cases/counts': agencyTargets(),
  'GET /cases/by-origin': [
    { name: 'the Xihu court', query: 'organisationId=court:hz-xihu', readers: ['court', 'auditor'] },
    { name: 'detention centre hz-1', query: 'organisationId=detention-centre:hz-1', readers: ['detentionCentre', 'auditor'] },
  ],
  'GET /cases/by-worker': workerTargets,
  'GET /quality/agency': agencyTargets('', { figures: true }),
  'GET /quality/lawyer': workerTargets,
  'GET /quality/missing-checks': agencyTargets('', { figures: true }),
  'GET /funding/funds': agencyTargets('', { figures: true }),
  'GET /funding/lawyers': [...agencyTargets('', { figures: true }), ...workerTargets],
  'GET /funding/months': agencyTargets('&year=2026', { figures: true }),
  'GET /reports/monthly': agencyTargets('&month=2026-01', { figures: true }),
  'GET /reports/annual': agencyTargets('&year=2026', { figures: true }),
};
const ownsDutyRecord: readonly Caller[] = ['dutyLawyer'];
const managesWorker: readonly Caller[] = ['admin'];
/**
 * Who reads each (GET): C the Xihu agency's staff (its duty lawyers among them) and the auditor; D its
 * duty lawyer Li (not Zhang), the agency's staff and the auditor; W lawyer Wang (not Li), the agency's
 * staff and the auditor. Never another agency's staff, nor a justice bureau.
 */
const readsConsultation: readonly Caller[] = [...staffOf.HZ, 'dutyLawyer', 'dutyLawyerZhang', 'auditor'];
const readsDutyRecord: readonly Caller[] = [...staffOf.HZ, 'dutyLawyer', 'auditor'];
const readsWorker: readonly Caller[] = [...staffOf.HZ, 'lawyerWang', 'auditor'];

let stack: Awaited<ReturnType<typeof startTestStack>>;
let logs: CapturedOutput;
const ids = { N: '', F: '', X: '', C: '', D: '', W: 'lawyer-wang' };

const post = (as: DevPrincipal, path: string, body: unknown, headers: Record<string, string> = {}) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey(), ...headers } });
const created = (r: ApiResponse): string => {
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
};

beforeAll(async () => {
  logs = captureOutput();
  stack = await startTestStack('e2e-authz', { logLevel: 'WARN' });
  const ctx = (p: DevPrincipal, agencyId = HZ) => ({ org: p.org, agencyId, workerId: 'lawyer-wang' });
  created(await post(callers.admin, '/workers', validBody('RegisterAidWorker', ctx(callers.admin))));
  created(
    await post(callers.adminNb, '/workers', validBody('RegisterAidWorker', { ...ctx(callers.adminNb, NB), workerId: 'lawyer-chen' })),
  );
  ids.N = created(await post(callers.court, '/defence-notifications', validBody('ReceiveDefenceNotification', ctx(callers.court))));
  expect((await post(callers.reviewer, `/cases/${ids.N}/assignment`, { workerId: 'lawyer-wang' })).status).toBe(200);
  ids.F = created(
    await post(callers.detentionCentre, '/forwarded-applications', validBody('ReceiveForwardedApplication', ctx(callers.detentionCentre))),
  );
  ids.X = created(await post(callers.courtNb, '/defence-notifications', validBody('ReceiveDefenceNotification', ctx(callers.courtNb, NB))));
  expect((await post(callers.reviewerNb, `/cases/${ids.X}/assignment`, { workerId: 'lawyer-chen' })).status).toBe(200);
  ids.C = created(await post(callers.reviewer, '/consultations', validBody('RecordConsultation', ctx(callers.reviewer))));
  ids.D = created(await post(callers.dutyLawyer, '/duty-records', validBody('OpenDutyRecord', ctx(callers.dutyLawyer))));
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

/** The body an opening command takes from this caller: naming its own organisation, in its own capacity. */
const openingBody = (routeKey: string, p: DevPrincipal, agencyId: string) => {
  const body = validBody(commandOf(routeKey)!, { org: p.org, agencyId, workerId: `worker-${newKey()}` });
  if (routeKey === 'POST /forwarded-applications') {
    body.forwarder = {
      kind: p.role === 'detention-centre' || p.role === 'duty-lawyer' ? p.role : 'handling-authority',
      organisationId: p.org,
    };
  }
  if (routeKey === 'POST /defence-notifications') body.authority = { kind: p.role, organisationId: p.org };
  return body;
};

/** The agency an opening command names: the caller's own organisation when it is agency staff or a bureau, else the Xihu agency. */
const ownAgency = (p: DevPrincipal) => (p.org.startsWith('agency:') || p.role === 'administrator' ? p.org : HZ);

const targetKind = (method: string, path: string): 'case' | 'consultation' | 'duty' | 'worker' | 'open' | 'query' => {
  if (!path.includes('{id}')) return method === 'GET' ? 'query' : 'open';
  if (path.startsWith('/cases/') || path.startsWith('/quality/cases/')) return 'case';
  if (path.startsWith('/consultations/')) return 'consultation';
  if (path.startsWith('/duty-records/')) return 'duty';
  if (path.startsWith('/workers/')) return 'worker';
  throw new Error(`the authorization matrix does not know whose record ${path} names: add it`);
};

const request = (method: string, path: string, routeKey: string, as: DevPrincipal, id: string) => {
  const concrete = path.replace('{id}', id) + (routeKey === 'GET /cases/{id}/diff' ? '?from=0&to=1' : '');
  if (method === 'GET') return () => stack.request('GET', concrete, { as });
  // An existing record: a version it cannot be at, so an admitted caller gets 409 and nothing is written.
  const command = commandOf(routeKey)!;
  return () =>
    post(as, concrete, validBody(command, { org: as.org, agencyId: ownAgency(as), workerId: 'lawyer-wang' }), { 'if-match': '"999999"' });
};

const calls = (): Call[] => {
  const out: Call[] = [];
  for (const route of routes) {
    const routeKey = `${route.method} ${route.path}`;
    const expected = expectedRoles[routeKey];
    if (expected === 'public' || !route.authenticated) continue;
    const kind = targetKind(route.method, route.path);
    for (const [name, p] of Object.entries(callers) as [Caller, DevPrincipal][]) {
      const roleAllowed = expected!.includes(p.role as Role);
      if (kind === 'query') {
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
      if (kind === 'open') {
        out.push({
          caller: name,
          routeKey,
          target: 'own organisation',
          allowed: roleAllowed,
          run: () => post(p, route.path, openingBody(routeKey, p, ownAgency(p))),
        });
        if (roleAllowed) {
          // The same in the name of another organisation (the agency, forwarder or authority it names): refused.
          const other = openingBody(routeKey, { ...p, org: p.org.replace(/:.*/, ':elsewhere') }, ownAgency(p).replace(/:.*/, ':elsewhere'));
          out.push({ caller: name, routeKey, target: 'another organisation', allowed: false, run: () => post(p, route.path, other) });
        }
        continue;
      }
      const reads = route.method === 'GET';
      const targets: [string, string, boolean][] =
        kind === 'case'
          ? (['N', 'F', 'X'] as const).map((c) => [
              c,
              ids[c],
              (routeKey === 'GET /quality/cases/{id}' ? seesQualityOf : seesCases)[name].includes(c),
            ])
          : kind === 'consultation'
            ? [['C', ids.C, (reads ? readsConsultation : ownsConsultation).includes(name)]]
            : kind === 'duty'
              ? [['D', ids.D, (reads ? readsDutyRecord : ownsDutyRecord).includes(name)]]
              : [['W', ids.W, (reads ? readsWorker : managesWorker).includes(name)]];
      // A role the route does not admit is refused whatever the record: one call is enough.
      for (const [target, id, inScope] of roleAllowed ? targets : targets.slice(0, 1)) {
        out.push({
          caller: name,
          routeKey,
          target,
          allowed: roleAllowed && inScope,
          run: request(route.method, route.path, routeKey, p, id),
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

  it("every route, as every role, on its own and on others' records: allowed or 403 with a reason, as the rules say", {
    timeout: 180_000,
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
        const error = (response.body as { error?: { code?: unknown; reason?: unknown } }).error;
        return typeof error?.code !== 'string' || typeof error.reason !== 'string' || error.reason.length < 10;
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
        results.some(({ call }) => call.routeKey === key && !call.allowed),
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
    const courtOnX = denials.find((d) => d.principalId === callers.court.sub && d.routeKey === 'GET /cases/{id}' && d.recordId === ids.X);
    expect(courtOnX).toMatchObject({ role: 'court', organisation: 'court:hz-xihu', code: 'OUT_OF_SCOPE' });
    expect(JSON.stringify(denials)).not.toContain('330106');
  });

  it('the auditor changes nothing: every POST is 403', async () => {
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const path = route.path.replace('{id}', ids.N);
      const r = await post(callers.auditor, path, {});
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'ROLE_NOT_ALLOWED', reason: expect.stringContaining('auditor') } });
    }
  });

  it("a token whose role is not one of the system's is refused everywhere, with a reason", async () => {
    const stranger = { ...callers.reviewer, role: 'root' };
    for (const route of routes.filter((r) => r.authenticated)) {
      const path = route.path.replace('{id}', ids.N);
      const r = route.method === 'GET' ? await stack.request('GET', path, { as: stranger }) : await post(stranger, path, {});
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'UNKNOWN_ROLE' } });
    }
  });
});
