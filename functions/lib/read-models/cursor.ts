import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { HttpError } from '../http/http-error.ts';

// List cursors are opaque to clients: base64url of DynamoDB's LastEvaluatedKey and a fingerprint of
// the query it belongs to. A cursor from another query, or one that was altered, is a 400, never a
// read of some other partition.

type Key = Record<string, AttributeValue>;

const fingerprint = (query: unknown) => createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);

export const encodeListCursor = (query: unknown, lastKey: Key | undefined): string | null =>
  lastKey ? Buffer.from(JSON.stringify({ q: fingerprint(query), k: lastKey })).toString('base64url') : null;

/** The start key a cursor carries, checked to belong to `query` and to the index partition `pk` of `index`. */
export const decodeListCursor = (cursor: string | undefined, query: unknown, index: string, pk: string): Key | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = () => new HttpError(400, 'INVALID_FIELD', 'the cursor is not one this list returned', { field: 'cursor' });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { q, k } = (value ?? {}) as { q?: unknown; k?: unknown };
  if (q !== fingerprint(query) || k === null || typeof k !== 'object' || Array.isArray(k)) throw invalid();
  const key = k as Record<string, unknown>;
  const names = ['pk', 'sk', `${index}pk`, `${index}sk`];
  if (Object.keys(key).length !== names.length || !names.every((n) => typeof (key[n] as { S?: unknown } | undefined)?.S === 'string')) throw invalid();
  if ((key[`${index}pk`] as { S: string }).S !== pk) throw invalid();
  return key as Key;
};
