import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { ok, refused } from '../support/answers.ts';

// Issue 19 point 2 over HTTP: Hangzhou's Xihu agency asks Hefei's Shushan agency to meet a detained
// person there; Shushan accepts and completes it with a record; Xihu follows it; both agencies'
// statistics count it (given by Shushan, received by Xihu); an open request past its due date shows
// in the supervision list of overdue requests, by business time.

const XIHU = 'agency:hz-xihu';
const SHUSHAN = 'agency:hf-shushan';
const xihu = principal('agency-reviewer');
const xihuSupervisor = principal('supervisor');
const shushan = principal('agency-reviewer', { sub: 'reviewer-hf-01', org: SHUSHAN });
const gongshu = principal('agency-reviewer', { sub: 'reviewer-gs', org: 'agency:hz-gongshu' });

let stack: Awaited<ReturnType<typeof startTestStack>>;
const post = (as: DevPrincipal, path: string, body: unknown, key = newKey()) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': key } });
const get = (as: DevPrincipal, path: string) => stack.request('GET', path, { as });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const ask = (task: string, dueAt: string) =>
  post(xihu, '/cooperation-requests', {
    fromAgencyId: XIHU,
    toAgencyId: SHUSHAN,
    task,
    details: '受援人羁押于合肥市看守所，请代为会见',
    dueAt,
  });

beforeAll(async () => {
  stack = await startTestStack('e2e-cooperation');
}, 120_000);
afterAll(async () => stack?.stop());

describe('cooperation between agencies in two cities', () => {
  it('asked by Xihu, accepted and completed by Shushan with a record, followed by Xihu, counted on both sides', async () => {
    const statsBefore = async (as: DevPrincipal, agencyId: string) =>
      ok(await get(as, `/cooperation-requests/statistics?agencyId=${agencyId}`)).body;
    const shushanBefore = (await statsBefore(shushan, SHUSHAN)) as { given: { completed: number } };
    const xihuBefore = (await statsBefore(xihu, XIHU)) as { received: { completed: number } };

    refused(await ask('meet-detained-person', inDays(-1)), 409, 'DUE_DATE_PASSED');
    refused(
      await post(xihu, '/cooperation-requests', {
        fromAgencyId: SHUSHAN,
        toAgencyId: XIHU,
        task: 'serve-documents',
        details: '送达',
        dueAt: inDays(3),
      }),
      403,
      'OTHER_ORGANISATION',
    );
    const id = ok(await ask('meet-detained-person', inDays(3)), 201).body.cooperationId as string;

    // Only the asked agency answers: not the asker, not a third agency.
    refused(await post(xihu, `/cooperation-requests/${id}/acceptance`, {}), 403, 'OUT_OF_SCOPE');
    refused(await post(gongshu, `/cooperation-requests/${id}/acceptance`, {}), 403, 'OUT_OF_SCOPE');
    expect((await get(gongshu, `/cooperation-requests/${id}`)).status).toBe(403);
    refused(await post(shushan, `/cooperation-requests/${id}/completion`, { record: '已会见' }), 409, 'COOPERATION_NOT_ACCEPTED');

    ok(await post(shushan, `/cooperation-requests/${id}/acceptance`, {}));
    ok(await post(shushan, `/cooperation-requests/${id}/completion`, { record: '已于看守所会见受援人，制作会见笔录一份' }));

    const followed = ok(await get(xihu, `/cooperation-requests/${id}`)).body;
    expect(followed).toMatchObject({ status: 'completed', fromAgencyId: XIHU, toAgencyId: SHUSHAN, task: 'meet-detained-person' });
    expect((followed.history as { type: string; by: string }[]).map((h) => [h.type, h.by])).toEqual([
      ['CooperationRequested', XIHU],
      ['CooperationAccepted', SHUSHAN],
      ['CooperationCompleted', SHUSHAN],
    ]);

    const shushanAfter = (await statsBefore(shushan, SHUSHAN)) as { given: { completed: number } };
    const xihuAfter = (await statsBefore(xihu, XIHU)) as { received: { completed: number }; given: { completed: number } };
    expect(shushanAfter.given.completed).toBe(shushanBefore.given.completed + 1);
    expect(xihuAfter.received.completed).toBe(xihuBefore.received.completed + 1);
    // Another agency does not read Xihu's figures.
    expect((await get(gongshu, `/cooperation-requests/statistics?agencyId=${XIHU}`)).status).toBe(403);
  });

  it('declined with reasons; a request open past its due date is listed overdue on that business day, not before', async () => {
    const declined = ok(await ask('serve-documents', inDays(2)), 201).body.cooperationId as string;
    ok(await post(shushan, `/cooperation-requests/${declined}/declining`, { reasons: '受送达人已迁出本区' }));
    refused(await post(shushan, `/cooperation-requests/${declined}/acceptance`, {}), 409, 'COOPERATION_ANSWERED');

    const open = ok(await ask('collect-evidence', inDays(2)), 201).body.cooperationId as string;
    ok(await post(shushan, `/cooperation-requests/${open}/acceptance`, {}));
    const overdueOn = async (as: DevPrincipal, agencyId: string, asOf: string) =>
      ok(await get(as, `/cooperation-requests/overdue?agencyId=${agencyId}&asOf=${encodeURIComponent(asOf)}`)).body as {
        owed: { cooperationId: string }[];
        awaited: { cooperationId: string }[];
      };
    const ids = (items: { cooperationId: string }[]) => items.map((i) => i.cooperationId);
    expect(ids((await overdueOn(shushan, SHUSHAN, inDays(1))).owed)).not.toContain(open);
    expect(ids((await overdueOn(shushan, SHUSHAN, inDays(3))).owed)).toContain(open);
    expect(ids((await overdueOn(xihuSupervisor, XIHU, inDays(3))).awaited)).toContain(open);
    // A declined request is answered: never overdue.
    expect(ids((await overdueOn(shushan, SHUSHAN, inDays(3))).owed)).not.toContain(declined);
  });
});
