import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { decodeCursor, encodeCursor, invalidCursor } from '../../lib/http/opaque-cursor.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import { accessRecordOf, readerPk, recordPk, type AccessRecordsRef } from '../../lib/privacy/read-record.ts';
import { readsQuery } from './reads-requests.ts';

// `GET /audit/reads`: who read a record (`record=`, the table's key) or what a person read
// (`reader=`, its gsi1), oldest first, paged with an opaque cursor that holds DynamoDB's
// LastEvaluatedKey and the question it belongs to.

const LIST = 'GET /audit/reads';
const DEFAULT_PAGE = 50;

type Question = { index: 'table' | 'gsi1'; key: string };

const startKeyOf = (cursor: string, question: Question): Record<string, AttributeValue> => {
  const held = decodeCursor(cursor, LIST);
  const { q, pk, sk, gsi1pk, gsi1sk } = held;
  const strings = [pk, sk, ...(question.index === 'gsi1' ? [gsi1pk, gsi1sk] : [])];
  // A start key outside the question's partition would be DynamoDB's ValidationException: a forged cursor is the caller's 400.
  const partition = question.index === 'gsi1' ? gsi1pk : pk;
  if (q !== `${question.index}:${question.key}` || partition !== question.key || !strings.every((v) => typeof v === 'string'))
    throw invalidCursor(LIST);
  const key: Record<string, AttributeValue> = { pk: { S: pk as string }, sk: { S: sk as string } };
  if (question.index === 'gsi1') Object.assign(key, { gsi1pk: { S: gsi1pk as string }, gsi1sk: { S: gsi1sk as string } });
  return key;
};

const cursorOf = (last: Record<string, AttributeValue>, question: Question) =>
  encodeCursor({
    q: `${question.index}:${question.key}`,
    ...Object.fromEntries(Object.entries(last).map(([name, value]) => [name, value.S])),
  });

export const readsRoutes = (accessRecords: AccessRecordsRef): Record<string, RouteHandler> => ({
  'GET /audit/reads': async (event) => {
    const query = readsQuery.parse(event.queryStringParameters ?? {});
    const question: Question =
      query.record !== undefined ? { index: 'table', key: recordPk(query.record) } : { index: 'gsi1', key: readerPk(query.reader!) };
    const page = await accessRecords.client.send(
      new QueryCommand({
        TableName: accessRecords.tableName,
        ...(question.index === 'gsi1' ? { IndexName: 'gsi1' } : {}),
        KeyConditionExpression: '#k = :k',
        ExpressionAttributeNames: { '#k': question.index === 'gsi1' ? 'gsi1pk' : 'pk' },
        ExpressionAttributeValues: { ':k': { S: question.key } },
        Limit: query.limit ?? DEFAULT_PAGE,
        ...(query.cursor ? { ExclusiveStartKey: startKeyOf(query.cursor, question) } : {}),
      }),
    );
    return json(200, {
      reads: (page.Items ?? []).map(accessRecordOf),
      nextCursor: page.LastEvaluatedKey ? cursorOf(page.LastEvaluatedKey, question) : null,
    });
  },
});
