import { randomBytes } from 'node:crypto';
import { registerTestAgency } from '../support/registry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../functions/lib/audit/csv.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { problemOf, withProblem } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// The read models over HTTP against the local stack: the case lists with their scopes and cursors, a fund
// refusing a payment beyond its allocation, and a month's report for a small generated agency whose
// figures are computed here from what the test sent (never from the code under test).

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-read-models');
});
afterAll(async () => stack?.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** The China calendar month of an instant, computed here independently of the code under test. */
const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);

const ok = <T extends ApiResponse>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};

/** A generated agency with its staff and two lawyers registered. */
const newAgency = async (label: string) => {
  const org = `agency:${label}-${randomBytes(3).toString('hex')}`;
  await registerTestAgency(stack.store, org);
  const as = (role: string, sub: string): DevPrincipal => principal(role, { org, sub });
  const people = {
    org,
    reviewer: as('agency-reviewer', `reviewer-${org}`),
    admin: as('administrator', `admin-${org}`),
    supervisor: as('supervisor', `supervisor-${org}`),
    finance: as('finance', `finance-${org}`),
    lawyer1: as('aid-worker', `lawyer1-${org.slice(7)}`),
    lawyer2: as('aid-worker', `lawyer2-${org.slice(7)}`),
  };
  for (const [i, lawyer] of [people.lawyer1, people.lawyer2].entries()) {
    ok(
      await post(people.admin, '/workers', {
        workerId: lawyer.sub,
        agencyId: org,
        name: `律师${i}`,
        kind: 'lawyer',
        licenceNumber: `1330120151012345${i}`,
        relevantPracticeSince: '2015-06-01',
      }),
      201,
    );
  }
  return people;
};
type Agency = Awaited<ReturnType<typeof newAgency>>;

const post = (as: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const get = <T = Record<string, unknown>>(as: DevPrincipal, path: string) => stack.request<T>('GET', path, { as });

const court = principal('court');
const procuratorate = principal('procuratorate');
const police = principal('police');
const detentionCentre = principal('detention-centre');
const auditor = principal('auditor');

const notification = (a: Agency, by: DevPrincipal, kind: 'court' | 'procuratorate' | 'police', over: Record<string, unknown>) => ({
  agencyId: a.org,
  province: '33',
  authority: { kind, organisationId: by.org },
  authorityReference: `(2026)浙0106刑${randomBytes(2).toString('hex')}号`,
  ground: 'minor',
  stage: kind === 'court' ? 'trial' : kind === 'procuratorate' ? 'prosecution-review' : 'investigation',
  defendant: { name: '小明', identityNumber: '330106200901011234', priorityGroups: ['minor'] },
  charge: '盗窃',
  ...over,
});

const { channel: _channel, ...forwardedBase } = applicationBody({
  category: 'criminal',
  formOfAid: 'criminal-defence',
  applicant: { name: '李四', identityNumber: '330106199001011234', priorityGroups: [] },
});

describe('case lists: by agency and status, by origin, by lawyer, overdue now, by date, counts', () => {
  let a: Agency;
  const ids = { fresh: '', stale: '', notified: '', forwarded: '', assigned: '' };
  beforeAll(async () => {
    a = await newAgency('lst');
    ids.fresh = ok(await post(a.reviewer, '/applications', applicationBody({ agencyId: a.org })), 201).body.caseId as string;
    ids.stale = ok(
      await post(
        a.reviewer,
        '/applications',
        applicationBody({ agencyId: a.org, receivedAt: iso(Date.now() - 10 * DAY), lateEntryReason: 'paper-ledger' }),
      ),
      201,
    ).body.caseId as string;
    ids.notified = ok(
      await post(court, '/defence-notifications', notification(a, court, 'court', { foundAt: iso(Date.now() - HOUR) })),
      201,
    ).body.caseId as string;
    ids.forwarded = ok(
      await post(detentionCentre, '/forwarded-applications', {
        ...forwardedBase,
        agencyId: a.org,
        forwarder: { kind: 'detention-centre', organisationId: detentionCentre.org },
        receivedByForwarderAt: iso(Date.now() - 5 * HOUR),
        forwardedAt: iso(Date.now() - HOUR),
      }),
      201,
    ).body.caseId as string;
    ids.assigned = ok(await post(a.reviewer, '/applications', applicationBody({ agencyId: a.org })), 201).body.caseId as string;
    ok(
      await post(a.reviewer, `/cases/${ids.assigned}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
    );
    ok(await post(a.reviewer, `/cases/${ids.assigned}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    ok(await post(a.reviewer, `/cases/${ids.assigned}/assignment`, { workerId: a.lawyer1.sub }));
    await stack.settle();
  });

  const idsOf = (r: ApiResponse) => (r.body.items as { caseId: string }[]).map((i) => i.caseId);

  it("pages an agency's queue with an opaque cursor, and refuses a cursor from another query", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: ApiResponse = ok(
        await get(
          a.reviewer,
          `/cases?agencyId=${a.org}&status=under-review&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
      );
      expect((r.body.items as unknown[]).length).toBeLessThanOrEqual(1);
      seen.push(...idsOf(r));
      cursor = r.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.sort()).toEqual([ids.fresh, ids.stale, ids.forwarded].sort());
    const first = ok(await get(a.reviewer, `/cases?agencyId=${a.org}&status=under-review&limit=1`));
    const foreign = await get(
      a.reviewer,
      `/cases?agencyId=${a.org}&status=in-progress&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
    );
    expect(withProblem(foreign)).toMatchObject({ status: 400, body: { code: 'INVALID_FIELD', field: 'cursor' } });
  });

  it('counts per status, and lists by receipt date across statuses', async () => {
    const counts = ok(await get(a.reviewer, `/cases/counts?agencyId=${a.org}`));
    expect(counts.body).toMatchObject({ total: 5, byStatus: { 'under-review': 3, 'awaiting-assignment': 1, 'in-progress': 1, closed: 0 } });
    const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
    const recent = ok(await get(a.reviewer, `/cases?agencyId=${a.org}&from=${today}&to=${today}`));
    expect(idsOf(recent).sort()).toEqual([ids.fresh, ids.notified, ids.forwarded, ids.assigned].sort());
  });

  it('overdue now: the application received ten days ago, not the fresh ones', async () => {
    const overdue = ok(await get(a.supervisor, `/cases/overdue?agencyId=${a.org}`));
    expect(idsOf(overdue)).toEqual([ids.stale]);
    expect(overdue.body.items).toMatchObject([{ overdue: true, nextDue: { kind: 'review' } }]);
  });

  it('a court sees what it notified, not another court; a detention centre what it forwarded', async () => {
    expect(idsOf(ok(await get(court, '/cases/by-origin')))).toContain(ids.notified);
    const other = await get(
      principal('court', { org: 'court:hz-gongshu', sub: 'clerk-gs' }),
      `/cases/by-origin?organisationId=${court.org}`,
    );
    expect(withProblem(other)).toMatchObject({ status: 403, body: { code: 'OTHER_ORGANISATION' } });
    expect(idsOf(ok(await get(detentionCentre, `/cases/by-origin?organisationId=${detentionCentre.org}`)))).toContain(ids.forwarded);
    expect(idsOf(ok(await get(procuratorate, '/cases/by-origin')))).not.toContain(ids.notified);
  });

  it('a lawyer sees its own caseload only; agency staff of another agency see nothing of this one', async () => {
    expect(idsOf(ok(await get(a.lawyer1, `/cases/by-worker?workerId=${a.lawyer1.sub}`)))).toEqual([ids.assigned]);
    expect(withProblem(await get(a.lawyer2, `/cases/by-worker?workerId=${a.lawyer1.sub}`))).toMatchObject({
      status: 403,
      body: { code: 'OTHER_WORKER' },
    });
    const stranger = principal('agency-reviewer', { org: 'agency:hz-gongshu', sub: 'reviewer-gs' });
    expect((await get(stranger, `/cases?agencyId=${a.org}&status=under-review`)).status).toBe(403);
    expect((await get(court, `/cases?agencyId=${a.org}&status=under-review`)).status).toBe(403);
    expect(ok(await get(auditor, `/cases/counts?agencyId=${a.org}`)).body).toMatchObject({ total: 5 });
  });
});

describe('funding: a fund never pays beyond its allocation', () => {
  it('409 FUND_ALLOCATION_EXCEEDED with its rule, nothing written; the same payment from a fund with room is made', async () => {
    const a = await newAgency('fnd');
    const year = new Date(Date.now() + 8 * HOUR).getUTCFullYear();
    ok(
      await post(a.finance, '/funds/allocations', {
        agencyId: a.org,
        year,
        source: 'local-budget',
        amountFen: 1_000_000,
        reference: '财预〔2026〕1号',
      }),
    );
    ok(
      await post(a.finance, '/funds/allocations', {
        agencyId: a.org,
        year,
        source: 'central-lottery-fund',
        amountFen: 100_000,
        reference: '彩票公益金〔2026〕1号',
      }),
    );
    // Finance acts for its own agency only.
    expect(
      (
        await post(a.finance, '/funds/allocations', {
          agencyId: 'agency:hz-xihu',
          year,
          source: 'local-budget',
          amountFen: 1,
          reference: 'x',
        })
      ).status,
    ).toBe(403);

    const caseId = ok(await post(a.reviewer, '/applications', applicationBody({ agencyId: a.org })), 201).body.caseId as string;
    ok(
      await post(a.reviewer, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
    );
    ok(await post(a.reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    ok(await post(a.reviewer, `/cases/${caseId}/assignment`, { workerId: a.lawyer1.sub }));
    // Not closed yet: nothing to approve.
    expect(
      withProblem(await post(a.finance, `/cases/${caseId}/subsidy/approval`, { fund: { year, source: 'local-budget' } })),
    ).toMatchObject({
      status: 409,
      body: { code: 'SUBSIDY_CASE_NOT_CLOSED', rule: 'Art 52' },
    });
    ok(
      await post(a.lawyer1, `/cases/${caseId}/closing`, {
        outcome: 'mediation-agreement',
        summary: '调解结案',
        documents: [{ kind: 'handling-report', title: '结案报告' }],
        economicLossRecoveredFen: 1_000_000,
        closedAt: iso(Date.now()),
      }),
    );
    // Labour mediation, not yet reviewed: 1,500 yuan (Zhejiang rate table in force on the assignment day).
    const approved = ok(await post(a.finance, `/cases/${caseId}/subsidy/approval`, { fund: { year, source: 'local-budget' } }));
    expect(approved.body).toMatchObject({
      subsidy: { assessedFen: 150_000, approvedFen: 150_000, fund: { source: 'local-budget' } },
      fund: { allocatedFen: 1_000_000, committedFen: 150_000, remainingFen: 850_000 },
    });

    const before = await stack.store.readStream(`fund#${a.org}#${year}#central-lottery-fund`);
    const refused = await post(a.finance, `/cases/${caseId}/subsidy/payment`, {
      fund: { year, source: 'central-lottery-fund' },
      reference: 'PAY-1',
    });
    expect(withProblem(refused)).toMatchObject({ status: 409, body: { code: 'FUND_ALLOCATION_EXCEEDED', rule: 'Art 4', field: 'fund' } });
    expect(problemOf(refused.body).reason).toMatch(/150000 fen .*100000 fen allocated/);
    expect(await stack.store.readStream(`fund#${a.org}#${year}#central-lottery-fund`)).toHaveLength(before.length);
    expect(await stack.store.readStream(`subsidy#${caseId}`)).toHaveLength(1);

    const paid = ok(
      await post(a.finance, `/cases/${caseId}/subsidy/payment`, { fund: { year, source: 'local-budget' }, reference: 'PAY-1' }),
    );
    expect(paid.body).toMatchObject({
      payment: { amountFen: 150_000 },
      fund: { committedFen: 0, paidFen: 150_000, remainingFen: 850_000 },
    });
    expect(
      problemOf(
        (await post(a.finance, `/cases/${caseId}/subsidy/payment`, { fund: { year, source: 'local-budget' }, reference: 'PAY-2' })).body,
      ),
    ).toMatchObject({ code: 'SUBSIDY_ALREADY_PAID' });

    await stack.settle();
    const funds = ok(await get(a.finance, `/funding/funds?agencyId=${a.org}&year=${year}`));
    expect(funds.body).toMatchObject({ totals: { allocatedFen: 1_100_000, committedFen: 0, paidFen: 150_000, remainingFen: 950_000 } });
    const mine = ok(await get(a.lawyer1, `/funding/lawyers?workerId=${a.lawyer1.sub}`));
    expect(mine.body.lawyers).toEqual([
      expect.objectContaining({ workerId: a.lawyer1.sub, closedCases: 1, assessedFen: 150_000, approvedFen: 150_000, paidFen: 150_000 }),
    ]);
    expect((await get(a.lawyer2, `/funding/lawyers?workerId=${a.lawyer1.sub}`)).status).toBe(403);

    // The same money seen from the county the agency lies in (Xihu's bureau), by Hangzhou's auditor:
    // its funds among the county's agencies', each named, and months that are the sum of its agencies' own.
    const auditor = principal('auditor');
    const county = 'justice-bureau:hz-xihu';
    const countyFunds = ok(await get(auditor, `/funding/funds?organisationId=${county}&year=${year}`)).body;
    const agencies = countyFunds.agencyIds as string[];
    expect(agencies).toEqual(expect.arrayContaining([a.org, 'agency:hz-xihu']));
    const ours = (countyFunds.funds as { agencyId: string; allocatedFen: number; paidFen: number }[]).filter((f) => f.agencyId === a.org);
    expect(ours.reduce((n, f) => n + f.allocatedFen, 0)).toBe(1_100_000);
    expect(ours.reduce((n, f) => n + f.paidFen, 0)).toBe(150_000);
    type Month = Record<string, number | string>;
    const countyMonths = ok(await get(auditor, `/funding/months?organisationId=${county}&year=${year}`)).body.months as Month[];
    const agencyMonths = await Promise.all(
      agencies.map(async (id) => ok(await get(auditor, `/funding/months?agencyId=${id}&year=${year}`)).body.months as Month[]),
    );
    for (const [i, month] of countyMonths.entries())
      for (const field of ['assessedCases', 'assessedFen', 'approvedCases', 'approvedFen', 'paidCases', 'paidFen'])
        expect(month[field], `${String(month.month)} ${field}`).toBe(agencyMonths.reduce((n, m) => n + Number(m[i]![field]), 0));
    expect(countyMonths.reduce((n, m) => n + Number(m.paidFen), 0)).toBeGreaterThanOrEqual(150_000);
    // Nobody outside the county's overseers reads it: Hefei's auditor, the agency's own finance.
    const hefei = principal('auditor', { org: 'justice-bureau:hf', sub: 'auditor-hf-01' });
    expect((await get(hefei, `/funding/months?organisationId=${county}&year=${year}`)).status).toBe(403);
    expect((await get(a.finance, `/funding/funds?organisationId=${county}&year=${year}`)).status).toBe(403);
  });
});

describe("a month's report for a small generated agency, against what the test sent", () => {
  type Deadline = ['review' | 'grant-assignment' | 'notification-assignment' | 'forwarding' | 'notification', 'met' | 'missed'];
  type Sent = {
    caseId: string;
    category: string;
    formOfAid: string;
    origin: [string, string];
    groups: string[];
    receivedAt: number;
    closedAt?: number;
    lossFen?: number;
    outcome?: string;
    satisfaction?: string;
    deadlines: Deadline[];
  };
  type Consulted = { consultedAt: number; channel: string; told: boolean };
  let a: Agency;
  const sent: Sent[] = [];
  const consulted: Consulted[] = [];
  let base = 0;

  beforeAll(async () => {
    a = await newAgency('rpt');
    // Received twelve days ago: the 7-day review of every application is missed by the time it is
    // decided now, an assignment made now within minutes of its grant is in time, one twelve days
    // after a notification is not (Art 36, 43: 3 days).
    base = Date.now() - 12 * DAY;
    const lawyerOf = (n: 1 | 2) => (n === 1 ? a.lawyer1 : a.lawyer2);
    const grantAndAssign = async (caseId: string, lawyer: 1 | 2) => {
      ok(
        await post(a.reviewer, `/cases/${caseId}/means-assessment`, {
          method: 'integrity-pledge',
          result: 'within-standard',
          reference: null,
        }),
      );
      ok(await post(a.reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
      ok(await post(a.reviewer, `/cases/${caseId}/assignment`, { workerId: lawyerOf(lawyer).sub }));
    };
    const close = async (s: Sent, lawyer: 1 | 2, outcome: string, lossFen: number, satisfaction?: string) => {
      const closedAt = Date.now();
      ok(
        await post(lawyerOf(lawyer), `/cases/${s.caseId}/closing`, {
          outcome,
          summary: '结案',
          documents: [{ kind: 'handling-report', title: '结案报告' }],
          economicLossRecoveredFen: lossFen,
          closedAt: iso(closedAt),
        }),
      );
      Object.assign(s, { closedAt, lossFen, outcome });
      if (satisfaction) {
        ok(
          await post(a.supervisor, `/cases/${s.caseId}/supervision/follow-ups`, {
            at: iso(Date.now()),
            remarks: '电话回访',
            method: 'phone',
            satisfaction,
          }),
        );
        s.satisfaction = satisfaction;
      }
    };

    type App = {
      category: string;
      formOfAid: string;
      channel: string;
      groups: string[];
      then: 'close' | 'assign' | 'refuse' | 'open';
      lawyer?: 1 | 2;
      outcome?: string;
      loss?: number;
      satisfaction?: string;
    };
    const apps: App[] = [
      {
        category: 'labour',
        formOfAid: 'labour-mediation-arbitration',
        channel: 'agency-window',
        groups: ['migrant-worker'],
        then: 'close',
        lawyer: 1,
        outcome: 'mediation-agreement',
        loss: 4_800_000,
        satisfaction: 'very-satisfied',
      },
      {
        category: 'labour',
        formOfAid: 'litigation-representation',
        channel: 'township-workstation',
        groups: ['migrant-worker', 'woman'],
        then: 'close',
        lawyer: 2,
        outcome: 'judgment-or-ruling',
        loss: 1_250_000,
        satisfaction: 'satisfied',
      },
      {
        category: 'civil',
        formOfAid: 'litigation-representation',
        channel: 'online',
        groups: ['elderly'],
        then: 'close',
        lawyer: 1,
        outcome: 'settlement',
        loss: 300_000,
        satisfaction: 'dissatisfied',
      },
      {
        category: 'civil',
        formOfAid: 'document-drafting',
        channel: 'agency-window',
        groups: [],
        then: 'close',
        lawyer: 2,
        outcome: 'documents-delivered',
        loss: 0,
      },
      {
        category: 'administrative',
        formOfAid: 'litigation-representation',
        channel: 'agency-window',
        groups: ['disabled'],
        then: 'refuse',
      },
      { category: 'state-compensation', formOfAid: 'litigation-representation', channel: 'online', groups: ['unemployed'], then: 'open' },
      {
        category: 'non-litigation',
        formOfAid: 'non-litigation-representation',
        channel: 'township-workstation',
        groups: ['military-family', 'elderly'],
        then: 'assign',
        lawyer: 1,
      },
    ];
    for (const [i, app] of apps.entries()) {
      const receivedAt = base + i * 60_000;
      const body = applicationBody({
        agencyId: a.org,
        category: app.category,
        formOfAid: app.formOfAid,
        channel: app.channel,
        receivedAt: iso(receivedAt),
        lateEntryReason: 'paper-ledger',
        applicant: { name: `申请人${i}`, identityNumber: '330106199001011234', priorityGroups: app.groups },
      });
      const caseId = ok(await post(a.reviewer, '/applications', body), 201).body.caseId as string;
      const s: Sent = {
        caseId,
        category: app.category,
        formOfAid: app.formOfAid,
        origin: ['application', app.channel],
        groups: app.groups,
        receivedAt,
        deadlines: [['review', 'missed']],
      };
      sent.push(s);
      if (app.then === 'refuse') {
        ok(
          await post(a.reviewer, `/cases/${caseId}/means-assessment`, {
            method: 'integrity-pledge',
            result: 'above-standard',
            reference: null,
          }),
        );
        ok(await post(a.reviewer, `/cases/${caseId}/refusal`, { legalBasis: '《法律援助法》第三十四条', reasons: '超过经济困难标准' }));
      }
      if (app.then === 'close' || app.then === 'assign') {
        await grantAndAssign(caseId, app.lawyer!);
        s.deadlines.push(['grant-assignment', 'met']);
      }
      if (app.then === 'close') await close(s, app.lawyer!, app.outcome!, app.loss!, app.satisfaction);
    }

    // Forwarded by a detention centre: within 24 hours (9 h) and not (39 h).
    for (const [i, f] of [
      { hours: 9, groups: ['disabled'], close: true },
      { hours: 39, groups: [], close: false },
    ].entries()) {
      const receivedAt = base + (10 + i) * 60_000;
      const caseId = ok(
        await post(detentionCentre, '/forwarded-applications', {
          ...forwardedBase,
          applicant: { name: `在押人员${i}`, identityNumber: '330106199001011234', priorityGroups: f.groups },
          agencyId: a.org,
          forwarder: { kind: 'detention-centre', organisationId: detentionCentre.org },
          receivedByForwarderAt: iso(receivedAt - (f.hours + 1) * HOUR),
          forwardedAt: iso(receivedAt - HOUR),
          receivedAt: iso(receivedAt),
          lateEntryReason: 'paper-ledger',
        }),
        201,
      ).body.caseId as string;
      const s: Sent = {
        caseId,
        category: 'criminal',
        formOfAid: 'criminal-defence',
        origin: ['forwarded-application', 'detention-centre'],
        groups: f.groups,
        receivedAt,
        deadlines: [
          ['forwarding', f.hours <= 24 ? 'met' : 'missed'],
          ['review', 'missed'],
          ['grant-assignment', 'met'],
        ],
      };
      sent.push(s);
      await grantAndAssign(caseId, f.close ? 1 : 2);
      if (f.close) await close(s, 1, 'judgment-or-ruling', 0, 'basically-satisfied');
    }

    // Notified defence: a court (in time, assigned late, closed), a procuratorate (late, assigned late), police (in time, never assigned).
    const notices = [
      { by: court, kind: 'court' as const, found: DAY, ground: 'minor', groups: ['minor'], assign: 2 as const, close: true },
      {
        by: procuratorate,
        kind: 'procuratorate' as const,
        found: 6 * DAY,
        ground: 'blind-deaf-or-mute',
        groups: ['disabled'],
        assign: 1 as const,
        close: false,
      },
      {
        by: police,
        kind: 'police' as const,
        found: 2 * HOUR,
        ground: 'possible-life-imprisonment-or-death',
        groups: [],
        assign: null,
        close: false,
      },
    ];
    for (const [i, n] of notices.entries()) {
      const receivedAt = base + (20 + i) * 60_000;
      const caseId = ok(
        await post(
          n.by,
          '/defence-notifications',
          notification(a, n.by, n.kind, {
            ground: n.ground,
            defendant: { name: `被告人${i}`, priorityGroups: n.groups },
            foundAt: iso(receivedAt - n.found),
            receivedAt: iso(receivedAt),
            lateEntryReason: 'paper-ledger',
          }),
        ),
        201,
      ).body.caseId as string;
      const s: Sent = {
        caseId,
        category: 'criminal',
        formOfAid: 'criminal-defence',
        origin: ['notification', n.kind],
        groups: n.groups,
        receivedAt,
        deadlines: [
          ['notification', n.found <= 3 * DAY ? 'met' : 'missed'],
          ['notification-assignment', 'missed'],
        ],
      };
      sent.push(s);
      if (n.assign) ok(await post(a.reviewer, `/cases/${caseId}/assignment`, { workerId: lawyerOf(n.assign).sub }));
      if (n.close) await close(s, n.assign!, 'judgment-or-ruling', 0, 'satisfied');
    }

    for (const [i, c] of [
      { channel: 'window', told: true, workstationId: null },
      { channel: 'hotline-12348', told: true, workstationId: null },
      { channel: 'workstation', told: false, workstationId: 'township-ws-1' },
    ].entries()) {
      const consultedAt = base + (30 + i) * 60_000;
      ok(
        await post(a.reviewer, '/consultations', {
          agencyId: a.org,
          channel: c.channel,
          workstationId: c.workstationId,
          topic: '劳动争议',
          category: 'labour',
          personName: null,
          toldOfRightToApply: c.told,
          notToldReason: c.told ? null : '来访者中途离开',
          answer: '解答',
          consultedAt: iso(consultedAt),
          lateEntryReason: 'paper-ledger',
        }),
        201,
      );
      consulted.push({ consultedAt, channel: c.channel, told: c.told });
    }
    expect(sent).toHaveLength(12);
    await stack.settle();
  });

  const count = <T>(xs: readonly T[], keys: readonly string[], of: (x: T) => string | readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, xs.filter((x) => ([] as string[]).concat(of(x)).includes(k)).length]));

  /** The report's figures for `month`, from what was sent. */
  const expectedFor = (inPeriod: (ms: number) => boolean) => {
    const received = sent.filter((s) => inPeriod(s.receivedAt));
    const closed = sent.filter((s) => s.closedAt !== undefined && inPeriod(s.closedAt));
    const answered = closed.filter((s) => s.satisfaction);
    const satisfied = answered.filter((s) => ['very-satisfied', 'satisfied', 'basically-satisfied'].includes(s.satisfaction!)).length;
    const deadlines = received.flatMap((s) => s.deadlines);
    const tallyDeadlines = (keys: string[]) => ({
      met: deadlines.filter(([k, o]) => keys.includes(k) && o === 'met').length,
      missed: deadlines.filter(([k, o]) => keys.includes(k) && o === 'missed').length,
    });
    const agency = tallyDeadlines(['review', 'grant-assignment', 'notification-assignment']);
    const criminal = received.filter((s) => s.category === 'criminal').length;
    const consultations = consulted.filter((c) => inPeriod(c.consultedAt));
    return {
      cases: {
        received: received.length,
        byCategory: count(
          received,
          ['criminal', 'civil', 'administrative', 'state-compensation', 'labour', 'non-litigation'],
          (s) => s.category,
        ),
        byFormOfAid: count(
          received,
          [
            'criminal-defence',
            'labour-mediation-arbitration',
            'litigation-representation',
            'document-drafting',
            'non-litigation-representation',
          ],
          (s) => s.formOfAid,
        ),
        criminal,
        byOrigin: {
          application: count(
            received.filter((s) => s.origin[0] === 'application'),
            ['agency-window', 'township-workstation', 'online'],
            (s) => s.origin[1],
          ),
          'forwarded-application': count(
            received.filter((s) => s.origin[0] === 'forwarded-application'),
            ['detention-centre', 'handling-authority', 'duty-lawyer'],
            (s) => s.origin[1],
          ),
          notification: count(
            received.filter((s) => s.origin[0] === 'notification'),
            ['court', 'procuratorate', 'police'],
            (s) => s.origin[1],
          ),
        },
      },
      // Over the cases handled (closed) in the period, as the published figures give it (seed 000).
      criminalShare: closed.length ? closed.filter((s) => s.category === 'criminal').length / closed.length : null,
      aidedPersons: {
        inPriorityGroups: received.filter((s) => s.groups.length > 0).length,
        byPriorityGroup: count(
          received,
          ['migrant-worker', 'unemployed', 'woman', 'minor', 'elderly', 'disabled', 'military-family'],
          (s) => s.groups,
        ),
      },
      closings: {
        closed: closed.length,
        economicLossRecoveredFen: closed.reduce((n, s) => n + (s.lossFen ?? 0), 0),
        byOutcome: count(closed, ['mediation-agreement', 'judgment-or-ruling', 'settlement', 'documents-delivered'], (s) => s.outcome!),
      },
      consultations: {
        total: consultations.length,
        toldOfRightToApply: consultations.filter((c) => c.told).length,
        byChannel: count(consultations, ['window', 'hotline-12348', 'workstation'], (c) => c.channel),
      },
      satisfaction: {
        followedUp: answered.length,
        satisfied,
        byLevel: count(answered, ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'], (s) => s.satisfaction!),
      },
      satisfiedRate: answered.length ? satisfied / answered.length : null,
      deadlines: {
        agency,
        review: tallyDeadlines(['review']),
        'grant-assignment': tallyDeadlines(['grant-assignment']),
        'notification-assignment': tallyDeadlines(['notification-assignment']),
        forwarding: tallyDeadlines(['forwarding']),
        notification: tallyDeadlines(['notification']),
      },
      agencyRate: agency.met + agency.missed ? agency.met / (agency.met + agency.missed) : null,
    };
  };

  const checkReport = (body: Record<string, unknown>, e: ReturnType<typeof expectedFor>) => {
    expect(body).toMatchObject({
      cases: e.cases,
      aidedPersons: e.aidedPersons,
      closings: e.closings,
      consultations: e.consultations,
      satisfaction: e.satisfaction,
      deadlines: {
        agency: { ...e.deadlines.agency, pending: 0, target: 0.9, meetsStandard: e.agencyRate === null ? null : e.agencyRate >= 0.9 },
        byKind: {
          review: e.deadlines.review,
          'grant-assignment': e.deadlines['grant-assignment'],
          'notification-assignment': e.deadlines['notification-assignment'],
          forwarding: e.deadlines.forwarding,
          notification: e.deadlines.notification,
        },
      },
    });
    const figures = body as {
      cases: { criminalShare: number | null };
      satisfaction: { satisfiedRate: number | null };
      deadlines: { agency: { rate: number | null } };
    };
    for (const [got, want] of [
      [figures.cases.criminalShare, e.criminalShare],
      [figures.satisfaction.satisfiedRate, e.satisfiedRate],
      [figures.deadlines.agency.rate, e.agencyRate],
    ] as const) {
      if (want === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(want, 4);
    }
  };

  it('JSON: cases by category and form, criminal share, origins, priority groups, consultations, closings, loss, satisfaction, deadlines', async () => {
    const month = chinaMonth(base);
    const e = expectedFor((ms) => chinaMonth(ms) === month);
    // Not vacuous: the receipt month holds all twelve cases and the three consultations.
    expect([e.cases.received, e.consultations.total]).toEqual([12, 3]);
    const r = ok(await get(a.supervisor, `/reports/monthly?agencyId=${a.org}&month=${month}`));
    expect(r.body).toMatchObject({ scope: { kind: 'agency', agencyIds: [a.org] }, period: { kind: 'month', label: month } });
    checkReport(r.body, e);
    // Closings were made now: the month they fall in reports them, with their loss and satisfaction.
    const closingMonth = chinaMonth(sent.find((s) => s.closedAt)!.closedAt!);
    const c = expectedFor((ms) => chinaMonth(ms) === closingMonth);
    expect([c.closings.closed, c.closings.economicLossRecoveredFen, c.satisfaction.followedUp]).toEqual([6, 6_350_000, 5]);
    checkReport(ok(await get(a.supervisor, `/reports/monthly?agencyId=${a.org}&month=${closingMonth}`)).body, c);
  });

  it('CSV: the same figures as metric,value rows, UTF-8 with a BOM', async () => {
    const month = chinaMonth(base);
    const e = expectedFor((ms) => chinaMonth(ms) === month);
    const res = await contractFetch(`${stack.url}/reports/monthly?agencyId=${encodeURIComponent(a.org)}&month=${month}&format=csv`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(a.reviewer)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['metric', 'value']);
    const value = (metric: string) => rows.find(([m]) => m === metric)?.[1];
    expect(value('cases.received')).toBe(String(e.cases.received));
    expect(value('cases.byCategory.criminal')).toBe(String(e.cases.byCategory.criminal));
    expect(value('cases.byOrigin.notification.court')).toBe(String(e.cases.byOrigin.notification.court));
    expect(value('aidedPersons.byPriorityGroup.migrant-worker')).toBe(String(e.aidedPersons.byPriorityGroup['migrant-worker']));
    expect(value('consultations.toldOfRightToApply')).toBe(String(e.consultations.toldOfRightToApply));
    expect(value('deadlines.agency.missed')).toBe(String(e.deadlines.agency.missed));
    if (e.criminalShare === null) expect(value('cases.criminalShare')).toBe('');
    else expect(Number(value('cases.criminalShare'))).toBeCloseTo(e.criminalShare, 4);
  });

  it('annual, and for a list of agencies; nobody else reads it', async () => {
    const year = Number(chinaMonth(base).slice(0, 4));
    const e = expectedFor((ms) => Number(chinaMonth(ms).slice(0, 4)) === year);
    checkReport(ok(await get(a.finance, `/reports/annual?agencyId=${a.org}&year=${year}`)).body, e);
    // A seeded Hangzhou agency that received nothing in this test.
    const empty = 'agency:hz-binjiang';
    const both = ok(await get(auditor, `/reports/annual?agencyIds=${a.org},${empty}&year=${year}`));
    checkReport(both.body, e);
    expect(both.body.agencies).toEqual([
      {
        agencyId: a.org,
        received: e.cases.received,
        criminal: e.cases.criminal,
        closed: e.closings.closed,
        economicLossRecoveredFen: e.closings.economicLossRecoveredFen,
        consultations: e.consultations.total,
      },
      { agencyId: empty, received: 0, criminal: 0, closed: 0, economicLossRecoveredFen: 0, consultations: 0 },
    ]);
    const stranger = principal('agency-reviewer', { org: 'agency:hz-gongshu', sub: 'reviewer-gs' });
    expect((await get(stranger, `/reports/monthly?agencyId=${a.org}&month=${chinaMonth(base)}`)).status).toBe(403);
    // Agency staff read their own agency only, not the city it lies in.
    expect((await get(a.reviewer, `/reports/monthly?organisationId=justice-bureau:hz&month=${chinaMonth(base)}`)).status).toBe(403);
    expect((await get(a.lawyer1, `/reports/monthly?agencyId=${a.org}&month=${chinaMonth(base)}`)).status).toBe(403);
    // The city's justice bureau reads its city's figures (its agencies from the registry), not its case lists.
    const bureau = principal('administrator', { org: 'justice-bureau:hz', sub: 'bureau-hz-01' });
    const city = ok(await get(bureau, `/reports/monthly?organisationId=justice-bureau:hz&month=${chinaMonth(base)}`));
    expect(city.body.scope).toMatchObject({ kind: 'organisation', organisationId: 'justice-bureau:hz', name: '杭州市司法局' });
    expect((city.body.agencies as { agencyId: string }[]).map((x) => x.agencyId)).toContain('agency:hz-xihu');
    expect((await get(bureau, '/cases/counts?agencyId=agency:hz-xihu')).status).toBe(403);
  });

  it('a period outside the years the system holds is a 400 naming the field, never a 500', async () => {
    const refused: [string, string][] = [
      [`/reports/annual?agencyId=${a.org}&year=9999`, 'year'],
      [`/reports/annual?agencyId=${a.org}&year=1999`, 'year'],
      [`/reports/monthly?agencyId=${a.org}&month=0000-01`, 'month'],
      [`/reports/monthly?agencyId=${a.org}&month=9999-12`, 'month'],
      [`/funding/months?agencyId=${a.org}&year=0000`, 'year'],
      [`/quality/agency?agencyId=${a.org}&to=9999-12-31`, 'to'],
    ];
    for (const [path, field] of refused) {
      const who = path.startsWith('/funding') ? a.finance : a.supervisor;
      expect(withProblem(await get(who, path)), path).toMatchObject({ status: 400, body: { field } });
    }
    expect((await get(a.supervisor, `/reports/annual?agencyId=${a.org}&year=2100`)).status).toBe(200);
  });

  it("the agency's quality scorecard: the same compliance, its lawyers, and the closed cases missing a required check", async () => {
    const e = expectedFor(() => true);
    const card = ok(await get(a.supervisor, `/quality/agency?agencyId=${a.org}`));
    expect(card.body).toMatchObject({
      deadlines: { agency: e.deadlines.agency },
      scorecard: { cases: 12, closed: 6, followUps: { followedUp: 5 } },
    });
    expect((card.body.lawyers as { workerId: string }[]).map((l) => l.workerId)).toEqual([a.lawyer1.sub, a.lawyer2.sub].sort());
    // No file review was recorded, and the standard asks one of every closed case.
    const missing = ok(await get(a.supervisor, `/quality/missing-checks?agencyId=${a.org}`));
    expect(missing.body).toMatchObject({ closedCases: 6 });
    expect(
      (missing.body.items as { caseId: string; missingChecks: string[] }[]).every((i) => i.missingChecks.includes('file-review')),
    ).toBe(true);
    expect((missing.body.items as unknown[]).length).toBe(6);
    // The same cases in the county's list (the test agency lies under Xihu's bureau), read by Hangzhou's auditor.
    const county = ok(await get(auditor, '/quality/missing-checks?organisationId=justice-bureau:hz-xihu'));
    const ids = (items: unknown) =>
      (items as { caseId: string; agencyId: string }[])
        .filter((i) => i.agencyId === a.org)
        .map((i) => i.caseId)
        .sort();
    expect(ids(missing.body.items)).toHaveLength(6);
    expect(ids(county.body.items)).toEqual(ids(missing.body.items));
    expect(county.body.agencyIds).toContain(a.org);
  });
});
