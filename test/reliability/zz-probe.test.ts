import { afterAll, beforeAll, it } from 'vitest';
import { newKey, startTestStack } from '../support/local-stack.ts';
import { applicationBody } from '../support/fixtures.ts';
import { reviewer } from '../support/reliability.ts';
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => { stack = await startTestStack('probe'); });
afterAll(async () => stack?.stop());
it('probe', async () => {
  const r = await stack.request('POST', '/applications', { as: reviewer, body: applicationBody(), headers: { 'idempotency-key': newKey() } });
  console.log('PROBE', r.status, JSON.stringify(r.body));
});
