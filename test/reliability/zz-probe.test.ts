import { afterAll, beforeAll, it } from 'vitest';
import { newKey, startTestStack } from '../support/local-stack.ts';
import { assignedCase, lawyer, meetingBody, registerLawyer } from '../support/reliability.ts';
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => { stack = await startTestStack('probe', { logLevel: 'CRITICAL' }); await registerLawyer(stack); });
afterAll(async () => stack?.stop());
it('probe', { timeout: 120_000 }, async () => {
  {
    const caseId = await assignedCase(stack);
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) await stack.request('POST', `/cases/${caseId}/meetings`, { as: lawyer, body: meetingBody(i), headers: { 'idempotency-key': newKey() } });
    console.log('sequential 20', Date.now() - t0);
    const t1 = Date.now();
    for (let i = 0; i < 20; i++) await stack.store.head(`case#${caseId}`);
    console.log('head 20', Date.now() - t1);
  }
  for (const ifMatch of [true, false, false]) {
    const caseId = await assignedCase(stack);
    const t0 = Date.now();
    const times: number[] = [];
    const rs = await Promise.all(Array.from({ length: 50 }, async (_, i) => { const t = Date.now(); const r = await stack.request('POST', `/cases/${caseId}/meetings`, { as: lawyer, body: meetingBody(i), headers: { 'idempotency-key': newKey(), ...(ifMatch ? { 'if-match': '"4"' } : {}) } }); times.push(Date.now() - t); return r.status; }));
    console.log(ifMatch, Date.now() - t0, JSON.stringify(rs.reduce((m: Record<number, number>, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {})), Math.max(...times));
  }
});
