import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../functions/lib/auth/roles.ts';
import { maxTokenAgeSeconds } from '../../infra/definitions/auth.ts';
import { createDevIssuer, devPrincipals, DEV_AUDIENCE, type DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { principal, startTestStack } from '../support/local-stack.ts';
import { problemOf, withProblem } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// Who gets in: the local server checks a token as API Gateway's JWT authorizer does (RSA signature
// with a known kid, issuer, audience, expiry; and our cap on a token's age: 401), and the handlers check that its claims name a principal of this
// system (sub, org: 401; a role of functions/lib/auth/roles.ts: 403), in AWS and locally alike.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-authn');
});
afterAll(async () => stack?.stop());

const reviewer = principal('agency-reviewer');
/** The kid of the stack's one key. */
const kid = () => (stack.issuer.jwks.keys[0] as { kid: string }).kid;
const CASE = '/cases/00000000-0000-8000-8000-000000000000';

const withToken = async (token: string, path = CASE) => {
  const res = await contractFetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return {
    status: res.status,
    wwwAuthenticate: res.headers.get('www-authenticate'),
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
  };
};

describe('tokens the local server refuses with 401, as API Gateway would', () => {
  it('an expired token', async () => {
    const token = await stack.issuer.mint(reviewer, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const r = await withToken(token);
    expect(r.status).toBe(401);
    expect(r.wwwAuthenticate).toContain('expired');
  });

  it('a token signed by another key, even with the right issuer, audience and kid', async () => {
    const impostor = await createDevIssuer({ issuer: stack.issuer.issuer, keyFile: null });
    const r = await withToken(await impostor.mint(reviewer, { kid: kid() }));
    expect(r.status).toBe(401);
    expect(r.wwwAuthenticate).toContain('signature');
  });

  it("a token signed ES256, even with the issuer's kid", async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: reviewer.role, org: reviewer.org })
      .setProtectedHeader({ alg: 'ES256', kid: kid() })
      .setSubject(reviewer.sub)
      .setIssuer(stack.issuer.issuer)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const r = await withToken(token);
    expect(r).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(r.wwwAuthenticate).toContain('ES256');
  });

  it('a token without a kid, or with one the issuer does not publish, though signed by its key', async () => {
    const noKid = await withToken(await stack.issuer.mint(reviewer, { kid: null }));
    expect(noKid.status).toBe(401);
    expect(noKid.wwwAuthenticate).toContain('no kid');
    const unknownKid = await withToken(await stack.issuer.mint(reviewer, { kid: 'retired-key-1' }));
    expect(unknownKid.status).toBe(401);
    expect(unknownKid.wwwAuthenticate).toContain('retired-key-1');
  });

  it('a token without exp', async () => {
    const r = await withToken(await stack.issuer.mint(reviewer, { expiresIn: null }));
    expect(r.status).toBe(401);
    expect(r.wwwAuthenticate).toContain('exp');
  });

  it('a token older than the maximum age, or meant to live longer, though not expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await withToken(await stack.issuer.mint(reviewer, { issuedAt: now - maxTokenAgeSeconds - 60, expiresIn: now + 600 }));
    expect(old.status).toBe(401);
    expect(old.wwwAuthenticate).toContain('longer than');
    const longLived = await withToken(await stack.issuer.mint(reviewer, { issuedAt: now, expiresIn: now + maxTokenAgeSeconds + 60 }));
    expect(longLived.status).toBe(401);
    expect(longLived.wwwAuthenticate).toContain('longer than');
    // At the limit it still passes (404: the case does not exist).
    expect(
      (await withToken(await stack.issuer.mint(reviewer, { issuedAt: now - 60, expiresIn: now - 60 + maxTokenAgeSeconds }))).status,
    ).toBe(404);
  });

  it('a token issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await withToken(await stack.issuer.mint(reviewer, { issuedAt: now + 600, expiresIn: now + 1200 }));
    expect(future.status).toBe(401);
  });

  it('a wrong audience or issuer', async () => {
    const wrongAudience = await withToken(await stack.issuer.mint(reviewer, { audience: 'another-api' }));
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.wwwAuthenticate).toContain('aud');
    const wrongIssuer = await withToken(await stack.issuer.mint(reviewer, { issuer: 'https://elsewhere.example/' }));
    expect(wrongIssuer.status).toBe(401);
    expect(wrongIssuer.wwwAuthenticate).toContain('iss');
  });

  it('an unsigned token, a malformed one, none at all', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: reviewer.sub,
        role: reviewer.role,
        org: reviewer.org,
        iss: stack.issuer.issuer,
        aud: DEV_AUDIENCE,
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    expect((await withToken(`${header}.${payload}.`)).status).toBe(401);
    expect((await withToken('not-a-token')).status).toBe(401);
    expect((await contractFetch(`${stack.url}${CASE}`)).status).toBe(401);
    expect((await contractFetch(`${stack.url}${CASE}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
  });

  it('a token with a symmetric algorithm the issuer does not use', async () => {
    const token = await new SignJWT({ role: reviewer.role, org: reviewer.org })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(reviewer.sub)
      .setIssuer(stack.issuer.issuer)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect((await withToken(token)).status).toBe(401);
  });
});

describe('verified tokens whose claims name no principal of this system', () => {
  it('no org claim: 401 naming the claim', async () => {
    const r = await withToken(await stack.issuer.mint({ ...reviewer, org: undefined as unknown as string }));
    expect(r.status).toBe(401);
    expect(problemOf(r.body)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'the token has no org claim' });
  });

  it('a malformed org or an oversized subject: 401 naming the claim', async () => {
    const badOrg = await withToken(await stack.issuer.mint({ ...reviewer, org: 'hz xihu' }));
    expect(withProblem(badOrg)).toMatchObject({ status: 401, body: { reason: expect.stringContaining('org claim') } });
    const longSub = await withToken(await stack.issuer.mint({ ...reviewer, sub: 'x'.repeat(201) }));
    expect(withProblem(longSub)).toMatchObject({ status: 401, body: { reason: expect.stringContaining('sub claim') } });
  });

  it('a role outside functions/lib/auth/roles.ts: 403 saying so, on reads and writes', async () => {
    const token = await stack.issuer.mint({ ...reviewer, role: 'superuser' });
    const read = await withToken(token);
    expect(withProblem(read)).toMatchObject({ status: 403, body: { code: 'UNKNOWN_ROLE', reason: expect.stringContaining('superuser') } });
    const write = await contractFetch(`${stack.url}/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'unknown-role-0001' },
      body: '{}',
    });
    expect(write.status).toBe(403);
    const noRole = await withToken(await stack.issuer.mint({ ...reviewer, role: undefined as unknown as string }));
    expect(withProblem(noRole)).toMatchObject({ status: 401, body: { reason: 'the token has no role claim' } });
  });

  it('public routes need no token', async () => {
    expect((await contractFetch(`${stack.url}/health`)).status).toBe(200);
    expect((await contractFetch(`${stack.url}/openapi.json`)).status).toBe(200);
  });
});

describe('tokens the local server accepts, and where it says its keys are', () => {
  it("an RS256 token with the issuer's kid, within its age: 200", async () => {
    const token = await stack.issuer.mint(reviewer);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'RS256', kid: kid() });
    expect((await withToken(token, `/cases/counts?agencyId=${reviewer.org}`)).status).toBe(200);
  });

  it('publishes its openid-configuration with a jwks_uri holding the kid, as API Gateway looks for them', async () => {
    const discovery = (await (await contractFetch(`${stack.issuer.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(stack.issuer.issuer);
    const jwks = (await (await contractFetch(discovery.jwks_uri)).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: kid(), kty: 'RSA' })]);
    expect(jwks.keys[0]!.d).toBeUndefined();
  });
});

describe('development tokens', () => {
  it('npm start has a principal, and so a token, for every role, each accepted', async () => {
    expect([...new Set(devPrincipals.map((p) => p.role))].sort()).toEqual([...roles].sort());
    for (const p of devPrincipals) {
      const r = await withToken(await stack.issuer.mint(p as DevPrincipal));
      // Finance reads no cases (403 ROLE_NOT_ALLOWED); everyone else is told the case does not exist.
      expect(r.status, `${p.role} ${p.org}`).toBe(p.role === 'finance' ? 403 : 404);
    }
  });
});
