import { ok } from './answers.ts';
import { applicationBody } from './fixtures.ts';
import { newKey, principal, type startTestStack } from './local-stack.ts';

// Shared moves of the reliability tests (test/reliability): cases brought to a state over HTTP,
// and a small pool that keeps a bounded number of requests in flight.

type Stack = Awaited<ReturnType<typeof startTestStack>>;

export const reviewer = principal('agency-reviewer');
export const admin = principal('administrator');
export const lawyer = principal('aid-worker');
export const AGENCY = 'agency:hz-xihu';

export { ok };

export const post = (stack: Stack, as: typeof reviewer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey(), ...headers } });

/** Registers the dev aid worker (`lawyer-wang`) in the agency, once per stack. */
export const registerLawyer = async (stack: Stack) =>
  ok(
    await post(stack, admin, '/workers', {
      workerId: lawyer.sub,
      agencyId: AGENCY,
      name: '王律师',
      kind: 'lawyer',
      licenceNumber: '13301201510123456',
      relevantPracticeSince: '2015-06-01',
    }),
    201,
  );

/** An application received, means assessed and aid granted: ready for assignment (version 3). */
export const grantedCase = async (stack: Stack): Promise<string> => {
  const opened = ok(await post(stack, reviewer, '/applications', applicationBody()), 201);
  const caseId = opened.body.caseId as string;
  ok(
    await post(stack, reviewer, `/cases/${caseId}/means-assessment`, {
      method: 'data-sharing-query',
      result: 'within-standard',
      reference: 'DS-2026-1',
    }),
  );
  ok(await post(stack, reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条、第四十三条' }));
  return caseId;
};

/** A granted case with the dev lawyer assigned: the lawyer may record handling (version 4). */
export const assignedCase = async (stack: Stack): Promise<string> => {
  const caseId = await grantedCase(stack);
  ok(await post(stack, reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub }));
  return caseId;
};

export const meetingBody = (i: number) => ({ at: new Date().toISOString(), place: '律师事务所', summary: `会见 ${i}` });

/** Runs `fn` over `items` with at most `limit` in flight; results in the items' order. */
export const pool = async <T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
