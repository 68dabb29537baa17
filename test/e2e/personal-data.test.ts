import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput, type CapturedOutput } from '../support/capture-logs.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { contractFetch } from '../support/contract.ts';

// Personal data (identity numbers, phones, addresses): shown in full only to roles that need it
// (functions/lib/auth/mask.ts), and never written to a log. The whole flow runs with every logger of
// the local stack at DEBUG, its output captured, then searched for the test's personal data.

// Fictitious, and distinct from every other fixture, so a hit in the logs can only come from here.
const applicant = {
  name: '陈静',
  identityNumber: '330106199203154417',
  phone: '13912345678',
  address: '杭州市西湖区文一西路 969 号 3 幢 101 室',
};
const defendant = { name: '周小明', identityNumber: '330106200807216632', phone: '13787654321', address: '杭州市拱墅区湖墅南路 88 号' };
const forwardedPerson = { name: '吴强', identityNumber: '33010619851130225X', phone: '0571-88776655', address: '杭州市上城区解放路 12 号' };
/** Values sent in requests that fail: invalid formats of the same data, and a field named by it. */
const invalid = { identityNumber: '3301061992031544', phone: '139-1234-5678-99999999999', address: 'x'.repeat(301) };
const secrets = [
  ...[applicant, defendant, forwardedPerson].flatMap((p) => [p.identityNumber, p.phone, p.address]),
  // The identifying middle of each identity number and phone, in case a partial copy slipped out.
  '19920315441',
  '20080721663',
  '19851130225',
  '12345678',
  '87654321',
  '88776655',
  invalid.identityNumber,
  '1234-5678-99999999999',
];

let stack: Awaited<ReturnType<typeof startTestStack>>;
let logs: CapturedOutput;
const reviewer = principal('agency-reviewer');
const court = principal('court');
const detentionCentre = principal('detention-centre');
const auditor = principal('auditor');
const supervisor = principal('supervisor');
const admin = principal('administrator');
const lawyer = principal('aid-worker');

const post = (as: typeof reviewer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey(), ...headers } });
const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const cases = { application: '', notification: '', forwarded: '' };

beforeAll(async () => {
  logs = captureOutput();
  stack = await startTestStack('e2e-pii', { logLevel: 'DEBUG', busAttempts: 1 });
  ok(await post(admin, '/workers', validBody('RegisterAidWorker', { org: admin.org, agencyId: admin.org, workerId: lawyer.sub })), 201);
  cases.application = ok(await post(reviewer, '/applications', applicationBody({ applicant })), 201).body.caseId as string;
  cases.notification = ok(
    await post(court, '/defence-notifications', {
      ...validBody('ReceiveDefenceNotification', { org: court.org, agencyId: reviewer.org, workerId: '' }),
      defendant,
    }),
    201,
  ).body.caseId as string;
  cases.forwarded = ok(
    await post(detentionCentre, '/forwarded-applications', {
      ...validBody('ReceiveForwardedApplication', { org: detentionCentre.org, agencyId: reviewer.org, workerId: '' }),
      applicant: forwardedPerson,
    }),
    201,
  ).body.caseId as string;
  ok(
    await post(reviewer, `/cases/${cases.application}/means-assessment`, {
      method: 'integrity-pledge',
      result: 'within-standard',
      reference: null,
    }),
  );
  ok(await post(reviewer, `/cases/${cases.application}/grant`, { legalBasis: '《法律援助法》第四十三条' }));
  ok(await post(reviewer, `/cases/${cases.application}/assignment`, { workerId: lawyer.sub }));
  await stack.settle();
}, 120_000);
afterAll(async () => {
  logs?.restore();
  await stack?.stop();
});

type HistoryBody = { events: { type: string; data: Record<string, unknown> }[] };
const firstData = (r: ApiResponse) => (r.body as unknown as HistoryBody).events[0]!.data;

describe('who sees personal data in full', () => {
  it('the agency reviewer, the assigned aid worker, the auditor and the administrator see it in full', async () => {
    for (const who of [reviewer, auditor, admin]) {
      const r = ok(await stack.request('GET', `/cases/${cases.application}/history`, { as: who }));
      expect(r.headers.get('x-personal-data'), who.role).toBe('full');
      expect(firstData(r).applicant, who.role).toEqual({ ...applicant, priorityGroups: [] });
    }
    const view = ok(await stack.request('GET', `/cases/${cases.application}`, { as: lawyer }));
    expect(view.headers.get('x-personal-data')).toBe('full');
  });

  it('a supervisor sees it masked, in the history, a diff and both exports', async () => {
    const history = ok(await stack.request('GET', `/cases/${cases.application}/history`, { as: supervisor }));
    expect(history.headers.get('x-personal-data')).toBe('masked');
    // Masking follows the mark (functions/lib/auth/mask.ts, role table): a supervisor has no need of
    // the applicant's identity, so the name (kind `name`) shows its first character only.
    expect(firstData(history).applicant).toEqual({
      name: '陈*',
      identityNumber: '330106********4417',
      phone: '*******5678',
      address: '杭州市西湖区…',
      priorityGroups: [],
    });
    const diff = ok(await stack.request('GET', `/cases/${cases.application}/diff?from=0&to=2`, { as: supervisor }));
    const json = ok(await stack.request('GET', `/cases/${cases.application}/export`, { as: supervisor }));
    const csv = await contractFetch(`${stack.url}/cases/${cases.application}/export?format=csv`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(supervisor)}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-personal-data')).toBe('masked');
    const csvText = await csv.text();
    expect(csvText).toContain('330106********4417');
    for (const text of [JSON.stringify(history.body), JSON.stringify(diff.body), JSON.stringify(json.body), csvText]) {
      for (const value of [applicant.identityNumber, applicant.phone, applicant.address]) expect(text).not.toContain(value);
    }
  });

  it('a court is told its answers are masked (its own events are exempt: test/unit/mask.test.ts)', async () => {
    const view = ok(await stack.request('GET', `/cases/${cases.notification}`, { as: court }));
    expect(view.headers.get('x-personal-data')).toBe('masked');
    expect(JSON.stringify(view.body)).not.toContain(defendant.identityNumber);
  });
});

describe('logs', () => {
  it('hold no identity number, phone or address, whatever the requests did', { timeout: 60_000 }, async () => {
    // Requests that fail, carrying personal data in every place a request can.
    const bad: ApiResponse[] = [];
    bad.push(
      await post(reviewer, '/applications', applicationBody({ applicant: { ...applicant, identityNumber: invalid.identityNumber } })),
    );
    bad.push(await post(reviewer, '/applications', applicationBody({ applicant: { ...applicant, phone: invalid.phone } })));
    bad.push(await post(reviewer, '/applications', applicationBody({ applicant: { ...applicant, address: invalid.address } })));
    bad.push(await post(reviewer, '/applications', { ...applicationBody({ applicant }), [applicant.identityNumber]: applicant.phone }));
    bad.push(
      await post(reviewer, '/applications', `{"applicant":{"identityNumber":"${applicant.identityNumber}","phone":"${applicant.phone}"`),
    );
    bad.push(
      await post(reviewer, '/applications', `identityNumber=${applicant.identityNumber}`, {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    );
    bad.push(await post(reviewer, '/applications', applicationBody({ applicant, matter: 'x'.repeat(70_000) })));
    bad.push(await post(court, '/applications', applicationBody({ applicant })));
    bad.push(await post(reviewer, '/applications', applicationBody({ applicant, agencyId: 'agency:nb-haishu' })));
    bad.push(
      await post(court, '/defence-notifications', {
        ...validBody('ReceiveDefenceNotification', { org: 'court:hz-gongshu', agencyId: reviewer.org, workerId: '' }),
        defendant,
      }),
    );
    bad.push(await post(reviewer, `/cases/${applicant.identityNumber}/grant`, { legalBasis: applicant.address }));
    bad.push(await post(court, `/cases/${applicant.identityNumber}/grant`, { legalBasis: applicant.address }));
    bad.push(
      await stack.request('GET', `/cases/${cases.application}/history?cursor=${applicant.identityNumber}&phone=${applicant.phone}`, {
        as: auditor,
      }),
    );
    bad.push(await stack.request('GET', `/cases/${applicant.identityNumber}`, { as: reviewer }));
    bad.push(
      await post(
        reviewer,
        `/cases/${cases.application}/grant`,
        { legalBasis: 'x' },
        { 'x-correlation-id': `id ${applicant.identityNumber} tel ${applicant.phone}` },
      ),
    );
    expect(bad.map((r) => r.status).every((s) => s >= 400 && s < 500)).toBe(true);

    // An event the code cannot read, holding personal data: reading it fails (500) and is logged.
    await stack.client.send(
      new PutItemCommand({
        TableName: stack.eventsTable,
        Item: marshall({
          stream: `case#${cases.forwarded}`,
          version: 2,
          type: 'MaterialsSupplied',
          hash: 'not-a-hash',
          data: { applicant: forwardedPerson },
        }),
      }),
    );
    const corrupt = await stack.request('GET', `/cases/${cases.forwarded}/history`, { as: auditor });
    expect(corrupt.status).toBe(500);
    await stack.settle().catch(() => {});

    const text = logs.text();
    const records = logs.records();
    // The capture works and saw the levels that matter: DEBUG from the projection, WARN refusals, ERROR failures.
    expect(records.some((r) => r.level === 'DEBUG')).toBe(true);
    expect(records.filter((r) => r.message === 'access denied').length).toBeGreaterThanOrEqual(3);
    expect(records.some((r) => r.level === 'ERROR' && r.message === 'request failed')).toBe(true);
    const found = secrets.filter((s) => text.includes(s));
    expect(found).toEqual([]);
  });
});
