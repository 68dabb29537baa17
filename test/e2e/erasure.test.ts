import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionRuleFor } from '../../domain/rules/retention.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { ERASED } from '../../events/personal/marks.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { readModelItems, rebuildReadModels } from '../support/rebuild.ts';
import { withProblem } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// Erasing a person on a real case, end to end over HTTP: after it no surface (case, history, diff,
// JSON and CSV export, the case-status, quality and funding read models, a replay through the
// projections) holds the person's name, identity number, phone or address in plain, every command on
// the case is refused, and `npm run audit -- verify --all` still verifies every chain.

let offsetMs = 0;
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-erasure', { clock: () => new Date(Date.now() + offsetMs) });
}, 120_000);
afterAll(async () => stack?.stop());

const XIHU = 'agency:hz-xihu';
const reviewer = principal('agency-reviewer', { org: XIHU });
const agencyAdmin = principal('administrator', { sub: 'admin-xihu-e2e', org: XIHU });
const bureau = principal('administrator', { sub: 'bureau-officer-wu', org: 'justice-bureau:hz-xihu' });
const auditor = principal('auditor', { org: 'justice-bureau:hz-xihu' });

// This test's own person, so nothing another test stored can hide or fake a leak.
const digits = () => String(randomBytes(4).readUInt32BE() % 10_000).padStart(4, '0');
const person = {
  name: `欧阳${['明', '华', '强', '丽'][randomBytes(1)[0]! % 4]}测${digits()}`,
  identityNumber: `33010619880505${digits().slice(0, 3)}X`,
  phone: `1391234${digits()}`,
  address: `杭州市西湖区天目山路 ${digits()} 号`,
  priorityGroups: ['migrant-worker'],
};
const plain = [person.name, person.identityNumber, person.phone, person.address];

const post = (as: DevPrincipal, path: string, body: unknown, key = newKey()) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': key } });
const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const rawGet = async (path: string, as: DevPrincipal) => {
  const res = await contractFetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await stack.issuer.mint(as)}` } });
  return { status: res.status, text: await res.text() };
};
const runScript = (script: string, args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', script, ...args],
      { cwd: process.cwd(), env: { ...process.env, DYNAMODB_ENDPOINT: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
const leaks = (text: string) => plain.filter((p) => text.includes(p));

/** Everything an auditor (who sees personal data in full) reads about the case and its lawyer. */
const surfaces = async (caseId: string, workerId: string, version: number) => ({
  case: await rawGet(`/cases/${caseId}`, auditor),
  caseAsOf: await rawGet(`/cases/${caseId}?version=1`, auditor),
  history: await rawGet(`/cases/${caseId}/history`, auditor),
  diff: await rawGet(`/cases/${caseId}/diff?from=0&to=${version}`, auditor),
  exportJson: await rawGet(`/cases/${caseId}/export`, auditor),
  exportCsv: await rawGet(`/cases/${caseId}/export?format=csv`, auditor),
  quality: await rawGet(`/quality/cases/${caseId}`, auditor),
  funding: await rawGet(`/funding/lawyers?workerId=${workerId}`, auditor),
});

describe('erasing a person on a real case', () => {
  let caseId: string;
  let workerId: string;
  let version: number;

  beforeAll(async () => {
    workerId = `lawyer-erasure-${randomBytes(3).toString('hex')}`;
    ok(
      await post(agencyAdmin, '/workers', {
        workerId,
        agencyId: XIHU,
        name: '律师甲',
        kind: 'lawyer',
        licenceNumber: '13301201510123456',
        relevantPracticeSince: '2015-06-01',
      }),
      201,
    );
    caseId = ok(await post(reviewer, '/applications', applicationBody({ applicant: person })), 201).body.caseId as string;
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null }),
    );
    ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    ok(await post(reviewer, `/cases/${caseId}/assignment`, { workerId }));
    const lawyer = principal('aid-worker', { sub: workerId, org: XIHU });
    const closed = ok(
      await post(lawyer, `/cases/${caseId}/closing`, {
        outcome: 'mediation-agreement',
        summary: '调解结案',
        documents: [{ kind: 'handling-report', title: '结案报告' }],
        economicLossRecoveredFen: 1_000_000,
        closedAt: new Date().toISOString(),
      }),
    );
    version = closed.body.version as number;
    await stack.settle();
  }, 120_000);

  it('shows the person in full before erasure (so the checks below can fail)', async () => {
    const before = await surfaces(caseId, workerId, version);
    // The case views name no person; its history and JSON export do, in full for an auditor.
    expect(leaks(before.history.text)).toEqual(plain);
    expect(leaks(before.exportJson.text)).toEqual(plain);
  });

  it('lists the case, a consultation and a duty record as due only once their retention has ended, over HTTP and from the CLI', async () => {
    const dueItems = async () =>
      (await stack.request('GET', `/personal-data/erasures/due?agencyId=${XIHU}&limit=100`, { as: bureau })).body.items as {
        recordKind: string;
        recordId: string;
      }[];
    const due = async () => (await dueItems()).map((d) => d.recordId);
    // A consultation and a closed duty record of the same agency, through the command API and the bus.
    const consultationId = ok(
      await post(reviewer, '/consultations', {
        agencyId: XIHU,
        channel: 'window',
        workstationId: null,
        topic: '欠薪咨询',
        category: 'labour',
        personName: person.name,
        toldOfRightToApply: true,
        notToldReason: null,
        answer: '告知申请条件与程序',
      }),
      201,
    ).body.consultationId as string;
    const dutyLawyer = principal('duty-lawyer', { org: XIHU });
    const dutyId = ok(
      await post(dutyLawyer, '/duty-records', {
        agencyId: XIHU,
        station: { kind: 'court', organisationId: 'workstation:hz-xihu-court' },
        personName: person.name,
        criminalCaseReference: null,
      }),
      201,
    ).body.dutyId as string;
    ok(
      await post(dutyLawyer, `/duty-records/${dutyId}/closing`, {
        closedAt: new Date().toISOString(),
        referredCaseId: null,
        summary: '结束值班',
      }),
    );
    await stack.settle();
    const undue = await due();
    for (const id of [caseId, consultationId, dutyId]) expect(undue).not.toContain(id);
    const refused = await post(bureau, '/personal-data/erasures', {
      recordKind: 'case',
      recordId: caseId,
      legalBasis: 'retention-ended',
      reason: 'test',
    });
    expect(withProblem(refused)).toMatchObject({ status: 409, body: { code: 'RETENTION_NOT_ENDED' } });

    // The rule for a labour (civil) case file, plus a day.
    offsetMs = (retentionRuleFor('case', []).years! * 366 + 1) * 86_400_000;
    // The case's and the duty record's ten years cover the consultation's three.
    expect(await dueItems()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordKind: 'case', recordId: caseId }),
        expect.objectContaining({ recordKind: 'consultation', recordId: consultationId, ruleId: 'consultation-ledger' }),
        expect.objectContaining({ recordKind: 'duty', recordId: dutyId, ruleId: 'duty-record' }),
      ]),
    );
    const cli = await runScript('scripts/privacy.ts', [
      'due',
      '--agency',
      XIHU,
      '--now',
      new Date(Date.now() + offsetMs).toISOString(),
      '--endpoint',
      stack.dynamoEndpoint,
      '--read-models',
      stack.readModelsTable,
      '--keys-table',
      stack.keysTable,
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`DUE case ${caseId}`);
    expect(cli.stdout).toContain(`DUE consultation ${consultationId}`);
    expect(cli.stdout).toContain(`DUE duty ${dutyId}`);
    // The items the list reads them from are rebuilt from the store as live delivery wrote them.
    const live = await readModelItems(stack.client, stack.readModelsTable);
    const rebuilt = await rebuildReadModels(stack.client, stack.eventsTable);
    for (const key of [`quality#consultation#${consultationId}|consultation`, `quality#duty#${dutyId}|duty`]) {
      expect(live.get(key)).toMatchObject({ gsi1pk: expect.stringContaining(XIHU) });
      expect(rebuilt.get(key)).toEqual(live.get(key));
    }
    expect(leaks(cli.stdout)).toEqual([]);
  });

  it('erases: the event names basis and approver; no surface shows the person; the chains verify; commands are refused', async () => {
    const erased = ok(
      await post(bureau, '/personal-data/erasures', {
        recordKind: 'case',
        recordId: caseId,
        legalBasis: 'retention-ended',
        reason: 'retention period of the case file ended',
      }),
    );
    expect(erased.body).toMatchObject({ keyDestroyed: true, events: [{ type: 'PersonalDataErased' }] });
    await stack.settle();

    const after = await surfaces(caseId, workerId, version + 1);
    for (const [surface, { status, text }] of Object.entries(after)) {
      expect(status, `${surface}: ${text.slice(0, 300)}`).toBe(200);
      expect(leaks(text), surface).toEqual([]);
    }
    expect(after.history.text).toContain(ERASED);
    expect(after.exportJson.text).toContain(ERASED);
    const history = JSON.parse(after.history.text) as { events: { type: string; who: { id: string }; data: Record<string, unknown> }[] };
    expect(history.events.at(-1)).toMatchObject({
      type: 'PersonalDataErased',
      who: { id: bureau.sub, role: 'administrator', organisation: bureau.org },
      data: { legalBasis: { code: 'retention-ended' }, approver: { id: bureau.sub }, reason: 'retention period of the case file ended' },
    });

    // The stored events and every read-model item, raw, and a replay of the store through the projections.
    const stored = await stack.store.readStream(`case#${caseId}`);
    expect(verifyChain(stored)).toBeNull();
    expect(leaks(JSON.stringify(stored))).toEqual([]);
    expect(leaks(JSON.stringify([...(await readModelItems(stack.client, stack.readModelsTable)).values()]))).toEqual([]);
    const rebuilt = await rebuildReadModels(stack.client, stack.eventsTable);
    expect([...rebuilt.keys()].some((k) => k.includes(caseId))).toBe(true);
    expect(leaks(JSON.stringify([...rebuilt.values()]))).toEqual([]);

    // No further command on the record, and the due list no longer offers it.
    expect(withProblem(await post(reviewer, `/cases/${caseId}/archiving`, { fileNumber: '2037-XH-0001' }))).toMatchObject({
      status: 409,
      body: { code: 'RECORD_ERASED' },
    });
    const due = await stack.request('GET', `/personal-data/erasures/due?agencyId=${XIHU}&limit=100`, { as: bureau });
    expect((due.body.items as { recordId: string }[]).map((d) => d.recordId)).not.toContain(caseId);

    const verify = await runScript('scripts/audit.ts', [
      'verify',
      '--all',
      '--endpoint',
      stack.dynamoEndpoint,
      '--table',
      stack.eventsTable,
      '--read-models',
      stack.readModelsTable,
    ]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^VERIFIED: \d+ streams/m);
  }, 120_000);
});

describe('erasing a consultation early, the person having withdrawn consent (PIPL Art 47(1)(3))', () => {
  it('reads back with the person and the topic erased, and takes no further command', async () => {
    const recorded = ok(
      await post(reviewer, '/consultations', {
        agencyId: XIHU,
        channel: 'window',
        workstationId: null,
        topic: `工伤赔偿 ${person.phone}`,
        category: 'labour',
        personName: person.name,
        toldOfRightToApply: true,
        notToldReason: null,
        answer: '告知申请条件与程序',
      }),
      201,
    );
    const id = recorded.body.consultationId as string;
    expect(leaks((await rawGet(`/consultations/${id}`, bureau)).text)).toEqual([person.name, person.phone]);
    ok(
      await post(bureau, '/personal-data/erasures', {
        recordKind: 'consultation',
        recordId: id,
        legalBasis: 'consent-withdrawn',
        reason: 'consent withdrawn in writing',
      }),
    );
    const after = await stack.request('GET', `/consultations/${id}`, { as: bureau });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ personName: ERASED, topic: ERASED });
    expect(
      withProblem(await post(reviewer, `/consultations/${id}/application-link`, { caseId: randomBytes(4).toString('hex') })),
    ).toMatchObject({
      status: 409,
      body: { code: 'RECORD_ERASED' },
    });
  });
});
