import { HttpError } from '../http/http-error.ts';

// The purpose a caller states for a read, from the `X-Access-Purpose` request header. HTTP header
// values are ASCII in practice, so a purpose in Chinese arrives percent-encoded UTF-8
// (encodeURIComponent). It goes on record as the caller wrote it; it is never checked against
// anything, only bounded and required to be text.

export const ACCESS_PURPOSE_HEADER = 'X-Access-Purpose';
/** Characters of the decoded purpose: a sentence, not a document. */
export const MAX_PURPOSE_LENGTH = 200;
/** The encoded header: every character of a 200-character purpose may take up to 4 UTF-8 bytes, 3 characters each. */
const MAX_ENCODED_LENGTH = MAX_PURPOSE_LENGTH * 12;

const malformed = (reason: string) => new HttpError(400, 'INVALID_FIELD', reason, { field: ACCESS_PURPOSE_HEADER });

// Control characters (C0, DEL, C1) and unpaired surrogates cannot be part of a stated purpose.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The stated purpose, or null when the request states none. API Gateway (payload 2.0) gives header
 * names in lower case and joins repeated headers with commas, so a repeated header arrives as one
 * value; a value that is not percent-encoded UTF-8, is blank, too long or holds control characters is
 * a 400 naming the header.
 */
export const accessPurposeOf = (headers: Readonly<Record<string, string | undefined>> | undefined): string | null => {
  const raw = headers?.[ACCESS_PURPOSE_HEADER.toLowerCase()];
  if (raw === undefined) return null;
  if (raw.length > MAX_ENCODED_LENGTH) throw malformed(`${ACCESS_PURPOSE_HEADER} is longer than ${MAX_ENCODED_LENGTH} characters`);
  let purpose: string;
  try {
    // decodeURIComponent throws on a broken escape and on bytes that are not UTF-8 (URIError).
    purpose = decodeURIComponent(raw);
  } catch {
    throw malformed(`${ACCESS_PURPOSE_HEADER} must be percent-encoded UTF-8 (encodeURIComponent)`);
  }
  purpose = purpose.trim();
  if (purpose === '') throw malformed(`${ACCESS_PURPOSE_HEADER} is empty; leave the header out to state no purpose`);
  if (!purpose.isWellFormed()) throw malformed(`${ACCESS_PURPOSE_HEADER} must be percent-encoded UTF-8 (encodeURIComponent)`);
  if (CONTROL.test(purpose)) throw malformed(`${ACCESS_PURPOSE_HEADER} must not hold control characters`);
  if ([...purpose].length > MAX_PURPOSE_LENGTH)
    throw malformed(`${ACCESS_PURPOSE_HEADER} must be at most ${MAX_PURPOSE_LENGTH} characters once decoded`);
  return purpose;
};
