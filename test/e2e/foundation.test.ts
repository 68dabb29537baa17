import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { applicationBody } from '../support/fixtures.ts';
import { problemOf, withProblem } from '../support/problem.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-foundation');
});
afterAll(async () => stack?.stop());

const reviewer = principal('agency-reviewer');
// A paper receipt entered 30 days late: relative to today, so it stays inside the late-entry window
// (domain/rules/late-entry.ts) whenever the suite runs. Written in China time, as a window clerk would.
const chinaTime = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const paperReceipt = chinaTime(Date.now() - 30 * 24 * 3_600_000);
const post = (key: string, body: unknown = applicationBody(), headers: Record<string, string> = {}) =>
  stack.request('POST', '/applications', { as: reviewer, body, headers: { 'idempotency-key': key, ...headers } });

describe('one case from the API to the case-status projection', () => {
  it('opens a case with POST /applications and serves it from the read model', async () => {
    const created = await post(newKey(), applicationBody({ receivedAt: paperReceipt, lateEntryReason: 'paper-ledger' }));
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    expect(created.headers.get('location')).toBe(`/cases/${caseId}`);
    expect(created.body).toMatchObject({ version: 1, events: [{ type: 'ApplicationReceived', version: 1 }] });

    const shown = await stack.eventually(async () => {
      const r = await stack.request('GET', `/cases/${caseId}`, { as: reviewer });
      return r.status === 200 && r.headers.get('x-read-source') === 'read-model' ? r : null;
    });
    expect(shown.body).toMatchObject({
      caseId,
      version: 1,
      status: 'under-review',
      agencyId: 'agency:hz-xihu',
      origin: { kind: 'application', channel: 'agency-window' },
      category: 'labour',
      receivedAt: paperReceipt,
    });
    expect(shown.headers.get('etag')).toBe('"1"');
  });

  it('stores who did it, from where, and chains the hash', async () => {
    const created = await post(newKey());
    const [event] = await stack.store.readStream(`case#${created.body.caseId as string}`);
    expect(event).toMatchObject({
      actor: { id: reviewer.sub, role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
      workstation: reviewer.workstation,
      prevHash: '0'.repeat(64),
    });
    expect(event!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the API describes itself', () => {
  it('serves its OpenAPI document without a token', async () => {
    const r = await stack.request('GET', '/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ openapi: '3.1.0', paths: { '/applications': { post: { operationId: 'postApplications' } } } });
  });
});

describe('idempotency over HTTP', () => {
  it('answers a sequential retry with the first answer and writes one event', async () => {
    const key = newKey();
    const first = await post(key);
    const again = await post(key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await stack.store.readStream(`case#${first.body.caseId as string}`)).toHaveLength(1);
  });

  it('gives ten racing copies the same answer and writes one event', async () => {
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await stack.store.readStream(`case#${answers[0]!.body.caseId as string}`)).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const key = newKey();
    await post(key);
    const other = await post(key, applicationBody({ matter: 'another matter' }));
    expect(other.status).toBe(422);
    expect(problemOf(other.body)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
  });
});

describe('bad requests get a clear 4xx and write nothing', () => {
  it('names the invalid field', async () => {
    const r = await post(newKey(), applicationBody({ applicant: { name: '李四', identityNumber: '12345' } }));
    expect(r.status).toBe(400);
    expect(problemOf(r.body)).toMatchObject({ code: 'INVALID_FIELD', field: 'applicant.identityNumber' });
  });

  it('rejects unknown fields', async () => {
    const r = await post(newKey(), { ...applicationBody(), surprise: true });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('surprise');
  });

  it('needs an Idempotency-Key', async () => {
    const r = await stack.request('POST', '/applications', { as: reviewer, body: applicationBody() });
    expect(withProblem(r)).toMatchObject({ status: 400, body: { code: 'IDEMPOTENCY_KEY_REQUIRED', field: 'Idempotency-Key' } });
  });

  it('answers 415 for a body that is not JSON, 400 for broken JSON and 413 for an oversized body', async () => {
    expect((await post(newKey(), 'a=b', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect(problemOf((await post(newKey(), '{"agencyId":')).body)).toMatchObject({ code: 'MALFORMED_JSON' });
    expect((await post(newKey(), applicationBody({ matter: 'x'.repeat(70_000) }))).status).toBe(413);
  });

  it('answers 401 without a valid token and 404 for an unknown case', async () => {
    expect(
      (await stack.request('POST', '/applications', { body: applicationBody(), headers: { 'idempotency-key': newKey() } })).status,
    ).toBe(401);
    expect((await stack.request('GET', '/cases/00000000-0000-8000-8000-000000000000', { as: reviewer })).status).toBe(404);
  });

  it('leaves the event store untouched by all of the above', async () => {
    const key = newKey();
    await post(key, applicationBody({ category: 'astrology' }));
    const { caseIdFor } = await import('../../functions/api/command-headers.ts');
    expect(await stack.store.readStream(`case#${caseIdFor(reviewer.org, key)}`)).toEqual([]);
  });
});
