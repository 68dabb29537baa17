import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { personalKinds, SEALED_PREFIX, type PersonalKind } from '../../../events/personal/marks.ts';

// One personal value as stored: `pii1.<kind>.<flags>.<keyId>.<iv>.<ciphertext and tag>`, base64url.
// AES-256-GCM under the data key of the record it belongs to. The header (kind, flags, key id) is
// the additional authenticated data: a token cannot be relabelled as another kind (to escape its
// masking) or moved to another record's key without failing to open. The IV is random, so equal
// values seal to different tokens and a digest over tokens says nothing about the values.

export type SealedHeader = {
  kind: PersonalKind;
  /** The value belongs to a minor (PIPL Art 28, 31): masked for every role without a need. */
  minor: boolean;
  /** The data key's id: the record's stream (`case#<id>`), whose erasure destroys the key. */
  keyId: string;
};

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const headerOf = ({ kind, minor, keyId }: SealedHeader) => `${SEALED_PREFIX}${kind}.${minor ? 'm' : '-'}.${b64(keyId)}`;

export const sealValue = (key: Buffer, header: SealedHeader, value: string): string => {
  const aad = headerOf(header);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${aad}.${b64(iv)}.${b64(body)}`;
};

export type ParsedToken = SealedHeader & { aad: string; iv: Buffer; body: Buffer };

/** The parts of a sealed value, or null for anything else (a plain value, a malformed token). */
export const parseSealed = (value: string): ParsedToken | null => {
  if (!value.startsWith(SEALED_PREFIX)) return null;
  const parts = value.slice(SEALED_PREFIX.length).split('.');
  if (parts.length !== 5) return null;
  const [kind, flags, keyId, iv, body] = parts as [string, string, string, string, string];
  if (!(personalKinds as readonly string[]).includes(kind) || (flags !== 'm' && flags !== '-')) return null;
  const header: SealedHeader = {
    kind: kind as PersonalKind,
    minor: flags === 'm',
    keyId: Buffer.from(keyId, 'base64url').toString('utf8'),
  };
  const ivBytes = Buffer.from(iv, 'base64url');
  const bodyBytes = Buffer.from(body, 'base64url');
  if (ivBytes.length !== 12 || bodyBytes.length < 16) return null;
  return { ...header, aad: headerOf(header), iv: ivBytes, body: bodyBytes };
};

/** The value a token seals, or null if this key does not open it (another key, a tampered token). */
export const openValue = (key: Buffer, token: ParsedToken): string | null => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, token.iv);
    decipher.setAAD(Buffer.from(token.aad));
    decipher.setAuthTag(token.body.subarray(token.body.length - 16));
    return Buffer.concat([decipher.update(token.body.subarray(0, token.body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
};
