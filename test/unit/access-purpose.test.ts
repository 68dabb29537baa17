import { describe, expect, it } from 'vitest';
import { HttpError } from '../../functions/lib/http/http-error.ts';
import { accessPurposeOf, MAX_PURPOSE_LENGTH } from '../../functions/lib/privacy/access-purpose.ts';

const refusal = (value: string) => {
  try {
    accessPurposeOf({ 'x-access-purpose': value });
  } catch (error) {
    return error;
  }
  return null;
};

describe('X-Access-Purpose', () => {
  it('is no purpose when the header is absent', () => {
    expect(accessPurposeOf({})).toBeNull();
    expect(accessPurposeOf(undefined)).toBeNull();
  });

  it('decodes percent-encoded UTF-8 and trims it', () => {
    const purpose = '复核法律援助申请 #2026-17';
    expect(accessPurposeOf({ 'x-access-purpose': ` ${encodeURIComponent(purpose)} ` })).toBe(purpose);
    expect(accessPurposeOf({ 'x-access-purpose': 'quality%20check' })).toBe('quality check');
  });

  it(`takes ${MAX_PURPOSE_LENGTH} characters (4-byte ones too) and refuses one more`, () => {
    const longest = '𠀀'.repeat(MAX_PURPOSE_LENGTH);
    expect(accessPurposeOf({ 'x-access-purpose': encodeURIComponent(longest) })).toBe(longest);
    expect(refusal(encodeURIComponent(`${longest}a`))).toMatchObject({ status: 400, field: 'X-Access-Purpose' });
  });

  it.each([
    ['a broken escape', '%E4%B8'],
    ['bytes that are not UTF-8', '%FF%FE'],
    ['an encoded surrogate', '%ED%A0%80'],
    ['a control character', 'review%0Acase'],
    ['a blank value', '%20%20'],
    ['an oversized header', 'a'.repeat(100_000)],
  ])('refuses %s with a 400 naming the header', (_label, value) => {
    const error = refusal(value);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_FIELD', field: 'X-Access-Purpose' });
  });
});
