import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { apiAudience, maxTokenAgeSeconds } from '../definitions/auth.ts';

export const DEV_AUDIENCE = apiAudience[0]!;

export type DevPrincipal = { sub: string; role: string; org: string; workstation?: string };

/** The people and workstations `npm start` prints a token for: one per role. */
export const devPrincipals: readonly DevPrincipal[] = [
  { sub: 'reviewer-hz-01', role: 'agency-reviewer', org: 'agency:hz-xihu', workstation: 'agency-window-1' },
  { sub: 'clerk-hz-court-01', role: 'court', org: 'court:hz-xihu', workstation: 'court-filing-desk' },
  { sub: 'officer-hz-proc-01', role: 'procuratorate', org: 'procuratorate:hz-xihu', workstation: 'proc-desk-1' },
  { sub: 'officer-hz-police-01', role: 'police', org: 'police:hz-xihu', workstation: 'police-desk-1' },
  { sub: 'officer-hz-dc-01', role: 'detention-centre', org: 'detention-centre:hz-1', workstation: 'dc-legal-aid-room' },
  { sub: 'lawyer-wang', role: 'aid-worker', org: 'agency:hz-xihu' },
  { sub: 'duty-lawyer-li', role: 'duty-lawyer', org: 'agency:hz-xihu', workstation: 'court-duty-desk' },
  { sub: 'supervisor-zhao', role: 'supervisor', org: 'agency:hz-xihu' },
  { sub: 'finance-qian', role: 'finance', org: 'agency:hz-xihu' },
  { sub: 'auditor-sun', role: 'auditor', org: 'justice-bureau:hz' },
  { sub: 'admin-zhou', role: 'administrator', org: 'agency:hz-xihu' },
  { sub: 'bureau-officer-wu', role: 'administrator', org: 'justice-bureau:hz-xihu' },
  { sub: 'clerk-lingyin-01', role: 'workstation-clerk', org: 'workstation:hz-xihu-lingyin' },
];

const ALGORITHM = 'RS256';

/** A key file written before the issuer signed RS256 (ES256, or without a `kid`) is of no use now. */
const usableKey = (jwk: JWK): boolean =>
  jwk.kty === 'RSA' && jwk.alg === ALGORITHM && typeof jwk.kid === 'string' && typeof jwk.d === 'string';

const newKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  // The thumbprint as `kid`: a new key is a new kid, so a token of a replaced key is refused as
  // signed by a key the issuer no longer publishes.
  return { ...jwk, alg: ALGORITHM, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
};

export type MintOptions = {
  /** A time span from now or epoch seconds (as jose's `setExpirationTime`), or null for no `exp` (tests only). */
  expiresIn?: string | number | null;
  /** Epoch seconds; now by default. */
  issuedAt?: number;
  audience?: string;
  issuer?: string;
  /** Another `kid` in the header, or null for none (tests only). */
  kid?: string | null;
};

/**
 * A development token issuer: an RS256 key with a `kid`, as API Gateway's JWT authorizer requires,
 * kept beside the local data (so printed tokens survive a restart) or in memory for a throwaway stack.
 */
export const createDevIssuer = async ({
  issuer,
  keyFile,
  tokenLifetimeSeconds = maxTokenAgeSeconds,
}: {
  issuer: string;
  keyFile: string | null;
  tokenLifetimeSeconds?: number;
}) => {
  let privateJwk: JWK | null = null;
  let replacedKey = false;
  if (keyFile && existsSync(keyFile)) {
    const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    if (usableKey(stored)) privateJwk = stored;
    else replacedKey = true;
  }
  if (!privateJwk) {
    privateJwk = await newKey();
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const kid = privateJwk.kid!;
  const privateKey = await importJWK(privateJwk, ALGORITHM);

  return {
    issuer,
    jwks: { keys: [publicJwk] },
    /** True when a key file of an older format was found and replaced: tokens printed before no longer pass. */
    replacedKey,
    /** A token for the principal, living as long as the gate allows unless told otherwise. */
    mint: (
      principal: DevPrincipal,
      {
        expiresIn,
        issuedAt = Math.floor(Date.now() / 1000),
        audience = DEV_AUDIENCE,
        issuer: tokenIssuer = issuer,
        kid: headerKid = kid,
      }: MintOptions = {},
    ) => {
      const jwt = new SignJWT({
        role: principal.role,
        org: principal.org,
        ...(principal.workstation ? { workstation: principal.workstation } : {}),
      })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', ...(headerKid === null ? {} : { kid: headerKid }) })
        .setSubject(principal.sub)
        .setIssuer(tokenIssuer)
        .setAudience(audience)
        .setIssuedAt(issuedAt);
      if (expiresIn !== null) jwt.setExpirationTime(expiresIn ?? issuedAt + tokenLifetimeSeconds);
      return jwt.sign(privateKey);
    },
  };
};

export type DevIssuer = Awaited<ReturnType<typeof createDevIssuer>>;
