import { HttpError } from './http-error.ts';

// Paging cursors are opaque to clients: base64url of JSON the server alone reads back. What it
// holds is each list's business; that a cursor was altered or came from another list is a 400.

export const encodeCursor = (payload: Record<string, unknown>): string => Buffer.from(JSON.stringify(payload)).toString('base64url');

/** The 400 for a cursor that is not one `list` returned. */
export const invalidCursor = (list: string) =>
  new HttpError(400, 'INVALID_FIELD', `the cursor is not one ${list} returned`, { field: 'cursor' });

/** What the cursor holds, as an object whose fields the caller still checks; 400 if it is not even that. */
export const decodeCursor = (cursor: string, list: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(list);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidCursor(list);
  return value as Record<string, unknown>;
};
