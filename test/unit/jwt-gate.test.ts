import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtGate, TokenRefusedError, type JwtGate } from '../../infra/local/jwt-gate.ts';

// The claim rules of API Gateway's HTTP API JWT authorizer that the dev issuer's tokens never
// exercise: client_id in place of aud, nbf, another RSA algorithm. A fixed clock.

const ISSUER = 'http://127.0.0.1:1';
const NOW = 1_767_225_600;
let gate: JwtGate;
let sign: (claims: JWTPayload) => Promise<string>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  gate = createJwtGate({
    issuer: ISSUER,
    audiences: ['legal-aid-api'],
    jwks: { keys: [{ ...jwk, kid }] },
    maxTokenAgeSeconds: 3600,
    now: () => NOW * 1000,
  });
  sign = (claims) =>
    new SignJWT({ iss: ISSUER, iat: NOW - 10, exp: NOW + 600, ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
});

const refusal = async (token: string) => {
  try {
    await gate(token);
    return null;
  } catch (error) {
    if (error instanceof TokenRefusedError) return error.message;
    throw error;
  }
};

describe('the local JWT gate', () => {
  it('takes client_id when the token has no aud, and aud over client_id when it has both', async () => {
    expect(await refusal(await sign({ client_id: 'legal-aid-api' }))).toBeNull();
    expect(await refusal(await sign({ aud: 'another-api', client_id: 'legal-aid-api' }))).toBe('the token does not have a valid audience');
    expect(await refusal(await sign({ aud: ['another-api', 'legal-aid-api'] }))).toBeNull();
    expect(await refusal(await sign({}))).toBe('the token does not have a valid audience');
  });

  it('refuses a token before its nbf, or issued after now', async () => {
    expect(await refusal(await sign({ aud: 'legal-aid-api', nbf: NOW + 60 }))).toContain('nbf');
    expect(await refusal(await sign({ aud: 'legal-aid-api', iat: NOW + 60 }))).toBe('the token was issued in the future');
  });

  it('bounds a token without iat by its exp from now', async () => {
    expect(await refusal(await sign({ aud: 'legal-aid-api', iat: undefined, exp: NOW + 3600 }))).toBeNull();
    expect(await refusal(await sign({ aud: 'legal-aid-api', iat: undefined, exp: NOW + 3601 }))).toBe('the token lives longer than 3600 s');
  });
});
