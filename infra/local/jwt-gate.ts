import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { tokenAlgorithms } from '../definitions/auth.ts';

/** A token the gate refuses, with the reason API Gateway's `www-authenticate` header would give. */
export class TokenRefusedError extends Error {}

const RSA: readonly string[] = tokenAlgorithms;

/** Why jose refused a token, in the words of API Gateway's `www-authenticate` header. */
const joseRefusal = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is invalid';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${String((error as { claim?: unknown }).claim ?? 'claims')} claim is not accepted`;
    default:
      return 'the token is not valid';
  }
};

const names = (value: unknown, audiences: readonly string[]): boolean =>
  (Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && audiences.includes(v));

/**
 * The bearer-token check of the local server, as API Gateway's HTTP API JWT authorizer documents it
 * ("Control access to HTTP APIs with JWT authorizers in API Gateway", docs.aws.amazon.com/apigateway/
 * latest/developerguide/http-api-jwt-authorizer.html): only RSA-based algorithms; `kid` must match a
 * key in the issuer's jwks_uri; `iss` the configured issuer; `aud`, or `client_id` when there is no
 * `aud`, one of the configured audiences; `exp` after, `nbf` and `iat` before the current time. Our
 * own bound comes on top: no token older than `maxTokenAgeSeconds` or meant to live longer.
 */
export const createJwtGate = ({
  issuer,
  audiences,
  jwks,
  maxTokenAgeSeconds,
  now = () => Date.now(),
}: {
  issuer: string;
  audiences: readonly string[];
  jwks: JSONWebKeySet;
  maxTokenAgeSeconds: number;
  now?: () => number;
}) => {
  const keys = createLocalJWKSet(jwks);
  const kids = new Set(jwks.keys.map((k) => k.kid));
  return async (token: string): Promise<JWTPayload> => {
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRefusedError('the token is not valid');
    }
    if (typeof header.alg !== 'string' || !RSA.includes(header.alg))
      throw new TokenRefusedError(`signing method ${String(header.alg)} is invalid`);
    // Checked here, not left to the key set: with one key, jose would try it for a token without a kid.
    if (typeof header.kid !== 'string') throw new TokenRefusedError('the token has no kid');
    if (!kids.has(header.kid)) throw new TokenRefusedError(`the kid ${header.kid.slice(0, 80)} is not in the issuer's keys`);
    const currentDate = new Date(now());
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, algorithms: [...tokenAlgorithms], requiredClaims: ['exp'], currentDate }));
    } catch (error) {
      throw new TokenRefusedError(joseRefusal(error));
    }
    if (!(payload.aud !== undefined ? names(payload.aud, audiences) : names(payload.client_id, audiences))) {
      throw new TokenRefusedError('the token does not have a valid audience');
    }
    const nowSeconds = Math.floor(currentDate.getTime() / 1000);
    const { iat, exp } = payload as { iat?: number; exp: number };
    if (iat !== undefined && iat > nowSeconds) throw new TokenRefusedError('the token was issued in the future');
    // With exp in the future and at most the maximum after iat (or after now, without iat), no token
    // older than the maximum can pass.
    if (exp - (iat ?? nowSeconds) > maxTokenAgeSeconds) throw new TokenRefusedError(`the token lives longer than ${maxTokenAgeSeconds} s`);
    return payload;
  };
};

export type JwtGate = ReturnType<typeof createJwtGate>;
