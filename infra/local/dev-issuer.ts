import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

export const DEV_AUDIENCE = 'legal-aid-api';

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
];

/**
 * A development token issuer: an ES256 key kept beside the local data (so printed tokens survive a
 * restart) or in memory for a throwaway stack. The local server verifies tokens with `jose` just as
 * API Gateway's JWT authorizer does in AWS.
 */
export const createDevIssuer = async ({ issuer, keyFile }: { issuer: string; keyFile: string | null }) => {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'dev-1' };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'ES256');
  const publicKey = await importJWK(publicJwk, 'ES256');

  return {
    issuer,
    jwks: { keys: [publicJwk] },
    /** A token for the principal; tests may override its expiry (a time span or epoch seconds), audience or issuer. */
    mint: (principal: DevPrincipal, { expiresIn = '30d', audience = DEV_AUDIENCE, issuer: tokenIssuer = issuer }: { expiresIn?: string | number; audience?: string; issuer?: string } = {}) =>
      new SignJWT({ role: principal.role, org: principal.org, ...(principal.workstation ? { workstation: principal.workstation } : {}) })
        .setProtectedHeader({ alg: 'ES256', kid: 'dev-1' })
        .setSubject(principal.sub)
        .setIssuer(tokenIssuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    verify: async (token: string): Promise<JWTPayload> => (await jwtVerify(token, publicKey, { issuer, audience: DEV_AUDIENCE, algorithms: ['ES256'] })).payload,
  };
};

export type DevIssuer = Awaited<ReturnType<typeof createDevIssuer>>;
