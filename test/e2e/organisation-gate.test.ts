import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStream } from '../../domain/streams.ts';
import { caseIdFor } from '../../functions/api/command-headers.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { registerTestAgency } from '../support/registry.ts';
import { problemOf, withProblem } from '../support/problem.ts';

// After the token and the role, the gate asks the registry about the organisation the token names:
// known, open on the day, and of a kind that holds the role. Over HTTP, on commands and queries.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-org-gate');
});
afterAll(async () => stack?.stop());

const CASE = '/cases/00000000-0000-8000-8000-000000000000';
const apply = (as: ReturnType<typeof principal>, agencyId = as.org, key = newKey()) =>
  stack.request('POST', '/applications', { as, body: applicationBody({ agencyId }), headers: { 'idempotency-key': key } });

describe('the organisation in a token, against the registry', () => {
  it('an organisation the registry does not know: 403 with the reason, on a command and on a query; nothing written', async () => {
    const stranger = principal('agency-reviewer', { org: 'agency:nowhere', sub: 'reviewer-nowhere' });
    const key = newKey();
    const command = await apply(stranger, stranger.org, key);
    expect(withProblem(command)).toMatchObject({
      status: 403,
      body: { code: 'UNKNOWN_ORGANISATION', reason: 'the registry knows no organisation agency:nowhere' },
    });
    const query = await stack.request('GET', CASE, { as: stranger });
    expect(withProblem(query)).toMatchObject({ status: 403, body: { code: 'UNKNOWN_ORGANISATION' } });
    // The case this request would have opened (its id comes from the caller's organisation and key).
    expect(await stack.store.readStream(caseStream(caseIdFor(stranger.org, key)))).toEqual([]);
  });

  it('an organisation merged away (Jianggan into Shangcheng, 2021): 403 naming the successor', async () => {
    const r = await apply(principal('agency-reviewer', { org: 'agency:hz-jianggan', sub: 'reviewer-jg' }));
    expect(withProblem(r)).toMatchObject({ status: 403, body: { code: 'ORGANISATION_NOT_OPEN' } });
    expect(problemOf(r.body).reason).toMatch(/merged into agency:hz-shangcheng on 2021-04-09/);
  });

  it('a role the organisation’s kind does not hold: a court token as an agency reviewer, an agency token as an auditor', async () => {
    const courtAsReviewer = await apply(principal('agency-reviewer', { org: 'court:hz-xihu' }), 'court:hz-xihu');
    expect(withProblem(courtAsReviewer)).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_HELD_BY_KIND' } });
    const agencyAsAuditor = await stack.request('GET', CASE, { as: principal('auditor', { org: 'agency:hz-xihu' }) });
    expect(withProblem(agencyAsAuditor)).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_HELD_BY_KIND' } });
  });

  it('an organisation registered a moment ago is admitted on the next request: the registry is read fresh, not cached stale', async () => {
    const org = `agency:gate-${randomBytes(3).toString('hex')}`;
    const reviewer = principal('agency-reviewer', { org, sub: `reviewer-${org}` });
    expect((await apply(reviewer)).status).toBe(403);
    await registerTestAgency(stack.store, org);
    expect((await apply(reviewer)).status).toBe(201);
  });
});
