import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem, createLegalAidClient, VersionConflict, versionOf, type LegalAidClient } from '../../clients/typescript/src/index.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { validBody } from '../support/command-bodies.ts';
import { principal, startTestStack } from '../support/local-stack.ts';

// The TypeScript client (clients/typescript) against the real local stack, as a court workstation
// uses it: notify a defence, follow the case, read the lawyer assigned and the notice; a command
// whose answer is lost on the way back is retried with the same Idempotency-Key and gets the stored
// answer; a stale If-Match is a VersionConflict carrying the version now; a refusal is an ApiProblem.

const XIHU = 'agency:hz-xihu';
const court = principal('court');
const reviewer = principal('agency-reviewer');
const admin = principal('administrator');

let stack: Awaited<ReturnType<typeof startTestStack>>;
/** Every request the clients sent, as the wire saw it. */
const sent: { method: string; path: string; key: string | null; ifMatch: string | null }[] = [];

const clientFor = (as: DevPrincipal, wire?: (request: Request) => Promise<Response>): LegalAidClient =>
  createLegalAidClient({
    baseUrl: stack.url,
    token: () => stack.issuer.mint(as),
    // No waiting between tries in a test: the backoff's bounds are the unit test's.
    retry: { sleep: async () => {} },
    fetch: async (request) => {
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        key: request.headers.get('idempotency-key'),
        ifMatch: request.headers.get('if-match'),
      });
      return (wire ?? fetch)(request);
    },
  });

const notification = () =>
  ({
    ...validBody('ReceiveDefenceNotification', { org: court.org, agencyId: XIHU, workerId: '' }),
  }) as never;

beforeAll(async () => {
  stack = await startTestStack('e2e-ts-client');
  await clientFor(admin).command('/workers', {
    body: validBody('RegisterAidWorker', { org: XIHU, agencyId: XIHU, workerId: 'lawyer-wang' }) as never,
  });
}, 120_000);
afterAll(async () => stack?.stop());

describe('the TypeScript client on the local stack', () => {
  it('notifies a defence as a court, follows the case, and reads the assigned lawyer and the notice', async () => {
    const courtDesk = clientFor(court);
    const opened = await courtDesk.command('/defence-notifications', { body: notification() });
    expect(opened.status).toBe(201);
    const caseId = opened.data.caseId;
    expect(opened.location).toBe(`/cases/${caseId}`);

    const followed = await courtDesk.read('/cases/{id}', { path: { id: caseId } });
    expect(followed.data.status).toBe('awaiting-assignment');
    expect(versionOf(followed.etag)).toBe(followed.data.version);

    // The agency assigns, sending back the version it read.
    const agency = clientFor(reviewer);
    const seen = await agency.read('/cases/{id}', { path: { id: caseId } });
    const assigned = await agency.command('/cases/{id}/assignment', {
      path: { id: caseId },
      body: { workerId: 'lawyer-wang' },
      ifMatch: seen.etag!,
    });
    expect(sent.at(-1)).toMatchObject({ path: `/cases/${caseId}/assignment`, ifMatch: seen.etag });

    const now = await courtDesk.read('/cases/{id}', { path: { id: caseId } });
    expect(now.data.status).toBe('in-progress');
    expect(now.data.assignment).toMatchObject({
      workerId: 'lawyer-wang',
      noticeNumber: assigned.data.notice.number,
      noticeYear: assigned.data.notice.year,
    });
  });

  it('retries a command whose answer was lost with the same Idempotency-Key, and gets the stored answer', async () => {
    let lost: { id: string } | null = null;
    // The first answer reaches the wire and is dropped before the client sees it: the case exists.
    const dropFirst = async (request: Request) => {
      const response = await fetch(request);
      if (lost === null) {
        lost = (await response.json()) as { id: string };
        throw new TypeError('fetch failed: the connection was reset');
      }
      return response;
    };
    const before = sent.length;
    const answer = await clientFor(court, dropFirst).command('/defence-notifications', { body: notification() });
    const tries = sent.slice(before);
    expect(tries).toHaveLength(2);
    expect(tries[0]!.key).toMatch(/\S{8,}/);
    expect(tries[1]!.key).toBe(tries[0]!.key);
    expect(answer.replayed).toBe(true);
    expect(answer.data.id).toBe(lost!.id);
  });

  it('retries a read answered 503 and returns the answer that follows', async () => {
    let first = true;
    const busyOnce = async (request: Request) => {
      if (first) {
        first = false;
        return new Response('{"message":"Service Unavailable"}', { status: 503, headers: { 'content-type': 'application/json' } });
      }
      return fetch(request);
    };
    const answer = await clientFor(court, busyOnce).read('/cases/by-origin', { query: { organisationId: court.org } });
    expect(first).toBe(false);
    expect(answer.status).toBe(200);
  });

  it('throws a VersionConflict carrying the version now for a stale If-Match', async () => {
    const agency = clientFor(reviewer);
    const opened = await clientFor(court).command('/defence-notifications', { body: notification() });
    const caseId = opened.data.caseId;
    const current = await agency.read('/cases/{id}', { path: { id: caseId } });
    const stale = current.data.version - 1;
    const error = await agency
      .command('/cases/{id}/assignment', { path: { id: caseId }, body: { workerId: 'lawyer-wang' }, ifMatch: stale })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflict);
    const conflict = error as VersionConflict;
    expect(conflict.status).toBe(412);
    expect(conflict.currentVersion).toBe(current.data.version);
    // Nothing was written: the case is as it was.
    expect((await agency.read('/cases/{id}', { path: { id: caseId } })).data.version).toBe(current.data.version);
  });

  it('throws a refusal as an ApiProblem with its code, status, field and detail; a bad token too', async () => {
    const opened = await clientFor(court).command('/defence-notifications', { body: notification() });
    const error = await clientFor(reviewer)
      .command('/cases/{id}/assignment', { path: { id: opened.data.caseId }, body: { workerId: 'nobody-here' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    const problem = error as ApiProblem;
    expect([problem.code, problem.field]).toEqual(['WORKER_NOT_FOUND', 'workerId']);
    expect(problem.status).toBeGreaterThanOrEqual(400);
    expect(problem.status).toBeLessThan(500);
    expect(problem.detail).toContain('nobody-here');
    expect(problem.reason).toBe(problem.detail);

    const outsider = createLegalAidClient({ baseUrl: stack.url, token: 'not-a-token' });
    const refused = await outsider.read('/cases/{id}', { path: { id: opened.data.caseId } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiProblem);
    expect((refused as ApiProblem).status).toBe(401);
  });
});
