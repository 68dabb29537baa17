import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/opaque-cursor.ts';

// A list cursor (functions/lib/http/opaque-cursor.ts) holds DynamoDB's LastEvaluatedKey and a
// fingerprint of the query it belongs to. A cursor from another query, or one that was altered, is a 400, never a
// read of some other partition.

type Key = Record<string, AttributeValue>;

const fingerprint = (query: unknown) => createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);

export const encodeListCursor = (query: unknown, lastKey: Key | undefined): string | null =>
  lastKey ? encodeCursor({ q: fingerprint(query), k: lastKey }) : null;

/** The start key a cursor carries, checked to belong to `query` and to the index partition `pk` of `index`. */
export const decodeListCursor = (cursor: string | undefined, query: unknown, index: string, pk: string): Key | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = () => invalidCursor('this list');
  const { q, k } = decodeCursor(cursor, 'this list');
  if (q !== fingerprint(query) || k === null || typeof k !== 'object' || Array.isArray(k)) throw invalid();
  const key = k as Record<string, unknown>;
  const names = ['pk', 'sk', `${index}pk`, `${index}sk`];
  if (Object.keys(key).length !== names.length || !names.every((n) => typeof (key[n] as { S?: unknown } | undefined)?.S === 'string'))
    throw invalid();
  if ((key[`${index}pk`] as { S: string }).S !== pk) throw invalid();
  return key as Key;
};

/**
 * A cursor of a list merged from several partitions (a node's agencies): the last sort key shown,
 * which orders the merged list (sort keys end in the record's id, so no two partitions share one).
 */
export const encodeMergedCursor = (query: unknown, after: string | undefined): string | null =>
  after === undefined ? null : encodeCursor({ q: fingerprint(query), after });

/** The last sort key a merged list's cursor carries, checked to belong to `query`. */
export const decodeMergedCursor = (cursor: string | undefined, query: unknown): string | undefined => {
  if (cursor === undefined) return undefined;
  const { q, after } = decodeCursor(cursor, 'this list');
  if (q !== fingerprint(query) || typeof after !== 'string' || after === '' || after.length > 500) throw invalidCursor('this list');
  return after;
};
