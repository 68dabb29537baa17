import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevIssuer, devPrincipals } from '../../infra/local/dev-issuer.ts';

// The dev issuer's key beside the local data: kept across restarts, replaced when it is of the format
// written before tokens had to be RS256 with a kid.

const dir = mkdtempSync(join(tmpdir(), 'dev-issuer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('the dev issuer key file', () => {
  it('replaces an ES256 key file, says so, and keeps the new RS256 key across restarts', async () => {
    const keyFile = join(dir, 'dev-issuer-key.json');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'dev-1' }));

    const first = await createDevIssuer({ issuer: 'http://127.0.0.1:1', keyFile });
    expect(first.replacedKey).toBe(true);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const kid = (first.jwks.keys[0] as { kid: string }).kid;
    expect(kid).not.toBe('dev-1');
    expect(headerOf(await first.mint(devPrincipals[0]!))).toEqual({ alg: 'RS256', typ: 'JWT', kid });

    const second = await createDevIssuer({ issuer: 'http://127.0.0.1:1', keyFile });
    expect(second.replacedKey).toBe(false);
    expect(second.jwks).toEqual(first.jwks);
  });

  it('publishes no private part of the key', async () => {
    const issuer = await createDevIssuer({ issuer: 'http://127.0.0.1:1', keyFile: null });
    expect(Object.keys(issuer.jwks.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});
