import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { readerInCallerScope } from '../../lib/auth/read-audit-scope.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../../lib/http/opaque-cursor.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import { accessRecordOf, readerPk, recordPk, type AccessRecord, type AccessRecordsRef } from '../../lib/privacy/read-record.ts';
import type { CaseStatusTable } from '../../lib/read-models/case-status-table.ts';
import { readsQuery } from './reads-requests.ts';
import { createRecordReadCheck } from './reads-scope.ts';

// `GET /audit/reads`: who read a record (`record=`, the table's key) or what a person read
// (`reader=`, its gsi1), oldest first, paged with an opaque cursor that holds the key of the last row
// answered and the question it belongs to. Scoped as every read is (docs/security.md "Reads on
// record"): `record=` only for a caller who may read that record (reads-scope.ts); `reader=` answers
// only the reads made with a token of the caller's organisation or one under it (read-audit-scope.ts).

const LIST = 'GET /audit/reads';
const DEFAULT_PAGE = 50;
/** Rows DynamoDB is asked for at a time while rows out of the caller's scope are skipped. */
const SCAN_PAGE = 100;

type Question = { index: 'table' | 'gsi1'; key: string };

const keyNames = (question: Question) => (question.index === 'gsi1' ? ['pk', 'sk', 'gsi1pk', 'gsi1sk'] : ['pk', 'sk']);

const startKeyOf = (cursor: string, question: Question): Record<string, AttributeValue> => {
  const held = decodeCursor(cursor, LIST);
  const { q, pk, gsi1pk } = held;
  // A start key outside the question's partition would be DynamoDB's ValidationException: a forged cursor is the caller's 400.
  const partition = question.index === 'gsi1' ? gsi1pk : pk;
  if (
    q !== `${question.index}:${question.key}` ||
    partition !== question.key ||
    !keyNames(question).every((n) => typeof held[n] === 'string')
  )
    throw invalidCursor(LIST);
  return Object.fromEntries(keyNames(question).map((n) => [n, { S: held[n] as string }]));
};

/** The cursor after a row the caller was answered: its key alone, so a cursor names nothing the caller was not shown. */
const cursorAfter = (item: Record<string, AttributeValue>, question: Question) =>
  encodeCursor({ q: `${question.index}:${question.key}`, ...Object.fromEntries(keyNames(question).map((n) => [n, item[n]?.S])) });

export const readsRoutes = ({
  accessRecords,
  events,
  caseStatus,
}: {
  accessRecords: AccessRecordsRef;
  events: EventsTableRef;
  caseStatus: CaseStatusTable;
}): Record<string, RouteHandler<Admitted>> => {
  const assertRecordReadable = createRecordReadCheck({ events, caseStatus });
  return {
    'GET /audit/reads': async (event, _context, principal) => {
      const query = readsQuery.parse(event.queryStringParameters ?? {});
      const question: Question =
        query.record !== undefined ? { index: 'table', key: recordPk(query.record) } : { index: 'gsi1', key: readerPk(query.reader!) };
      // Who read a record: only for a caller the record itself is open to (404 or 403 as its own route answers).
      if (query.record !== undefined) await assertRecordReadable(principal, query.record);
      const shows = (row: AccessRecord) =>
        query.record !== undefined || readerInCallerScope(principal, { organisation: row.reader.organisation, at: row.at });
      const limit = query.limit ?? DEFAULT_PAGE;
      // Rows are read until one more than the page is found or the partition ends, skipping rows out of
      // scope: so a cursor is given exactly when another row follows, and an empty page is only ever
      // the end, however many rows out of scope lie between two the caller may see. The price is reading
      // past those rows: at worst one person's partition, for an overseer who sees none of it.
      const answered: { item: Record<string, AttributeValue>; row: AccessRecord }[] = [];
      let startKey = query.cursor ? startKeyOf(query.cursor, question) : undefined;
      do {
        const page = await accessRecords.client.send(
          new QueryCommand({
            TableName: accessRecords.tableName,
            ...(question.index === 'gsi1' ? { IndexName: 'gsi1' } : {}),
            KeyConditionExpression: '#k = :k',
            ExpressionAttributeNames: { '#k': question.index === 'gsi1' ? 'gsi1pk' : 'pk' },
            ExpressionAttributeValues: { ':k': { S: question.key } },
            Limit: query.record !== undefined ? limit + 1 - answered.length : Math.max(SCAN_PAGE, limit + 1 - answered.length),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          const row = accessRecordOf(item);
          if (shows(row)) answered.push({ item, row });
          if (answered.length > limit) break;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && answered.length <= limit);
      const shown = answered.slice(0, limit);
      return json(200, {
        reads: shown.map((a) => a.row),
        nextCursor: answered.length > limit ? cursorAfter(shown.at(-1)!.item, question) : null,
      });
    },
  };
};
