import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validBody } from '../support/command-bodies.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';

// A minor's data (PIPL Art 28: sensitive; Art 31: special rules) is shown in full only to those who
// act for the minor: the reviewer deciding the aid and the aid worker assigned to the case. Every other
// role, including those who see an adult's data in full (auditor, administrator), sees it masked.

// Fictitious, distinct from every other fixture.
const minor = { name: '林小雨', identityNumber: '330106201003157721', phone: '13655512345', address: '杭州市西湖区古翠路 7 号' };
const plain = [minor.name, minor.identityNumber, minor.phone, minor.address];

let stack: Awaited<ReturnType<typeof startTestStack>>;
const reviewer = principal('agency-reviewer');
const court = principal('court');
const lawyer = principal('aid-worker');
const admin = principal('administrator');
let caseId = '';

const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const post = (as: typeof reviewer, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });

beforeAll(async () => {
  stack = await startTestStack('e2e-minors');
  ok(await post(admin, '/workers', validBody('RegisterAidWorker', { org: admin.org, agencyId: admin.org, workerId: lawyer.sub })), 201);
  const notified = await post(court, '/defence-notifications', {
    ...validBody('ReceiveDefenceNotification', { org: court.org, agencyId: reviewer.org, workerId: '' }),
    ground: 'minor',
    defendant: { ...minor, priorityGroups: ['minor'] },
  });
  caseId = ok(notified, 201).body.caseId as string;
  ok(await post(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub }));
  await stack.settle();
}, 120_000);
afterAll(async () => stack?.stop());

/** Every answer a role can get about the case, as text; 403s (routes the role may not read) left out. */
const readAll = async (who: typeof reviewer) => {
  const answers: string[] = [];
  for (const path of [
    `/cases/${caseId}`,
    `/cases/${caseId}?version=2`,
    `/cases/${caseId}/history`,
    `/cases/${caseId}/export`,
    `/cases/${caseId}/diff?from=0&to=1`,
  ]) {
    const r = await stack.request('GET', path, { as: who });
    if (r.status === 403) continue;
    expect(r.status, `${who.role} ${path}`).toBe(200);
    answers.push(JSON.stringify(r.body));
  }
  return answers;
};

describe("a minor defendant's data", () => {
  it('is shown in full to the reviewer (the history); the aid worker assigned reads no answer that holds it', async () => {
    const history = ok(await stack.request('GET', `/cases/${caseId}/history`, { as: reviewer }));
    expect((history.body.events as { data: { defendant: unknown } }[])[0]!.data.defendant).toMatchObject(minor);
    // The case as the aid worker reads it carries no person (its full sight of a minor's sealed values
    // is held by test/integration/personal-sealing.test.ts); it sees the case, and no plain value leaks.
    const answers = await readAll(lawyer);
    expect(answers.length).toBeGreaterThan(0);
    for (const text of answers) expect(text).not.toContain('pii1.');
  });

  it('is masked for the supervisor, the auditor, the administrator and the court (a view it did not author)', async () => {
    const roles = [principal('supervisor'), principal('auditor'), admin, court];
    for (const who of roles) {
      const answers = await readAll(who);
      expect(answers.length, `${who.role} reads something`).toBeGreaterThan(0);
      for (const text of answers) for (const value of plain) expect(text, `${who.role}`).not.toContain(value);
    }
    // Masked as each kind is masked: the name's first character, the identity number's region and last 4.
    const history = ok(await stack.request('GET', `/cases/${caseId}/history`, { as: principal('supervisor') }));
    expect((history.body.events as { data: { defendant: unknown } }[])[0]!.data.defendant).toMatchObject({
      name: '林**',
      identityNumber: '330106********7721',
      phone: '*******2345',
    });
  });

  it('is out of reach of finance altogether (no case route admits it)', async () => {
    expect(await readAll(principal('finance'))).toEqual([]);
  });
});
