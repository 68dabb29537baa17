import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import { createQueryHandler } from '../../functions/api/queries.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { recordPk } from '../../functions/lib/privacy/read-record.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { testTables } from '../support/dynamo.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { problemOf } from '../support/problem.ts';

// Never data without a record: a read whose record cannot be written (here, its table does not exist,
// as after a misconfigured deployment) answers 503 READ_NOT_RECORDED and shows nothing; the same read
// against the real table answers the data and leaves exactly one record. DynamoDB Local, no mocks.

const context = { functionName: 'api-queries', awsRequestId: 'in-process', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const reviewer = { sub: 'reviewer-hz-01', role: 'agency-reviewer', org: 'agency:hz-xihu' };
const PERSON = '钱七';

let tables: Awaited<ReturnType<typeof testTables>>;
let keys: KeyStore;
let consultationId: string;

const getEvent = (id: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'GET /consultations/{id}',
    rawPath: `/consultations/${id}`,
    rawQueryString: '',
    headers: { 'x-access-purpose': encodeURIComponent('核对咨询台账') },
    isBase64Encoded: false,
    pathParameters: { id },
    requestContext: {
      requestId: randomUUID(),
      http: { method: 'GET', path: `/consultations/${id}`, sourceIp: '203.0.113.7' },
      authorizer: { jwt: { claims: reviewer, scopes: null } },
    },
  }) as unknown as APIGatewayProxyEventV2;

const queries = (accessRecordsTable: string) =>
  createQueryHandler({
    caseStatus: createCaseStatusTable({ client: tables.client, tableName: tables.readModelsTableName }),
    eventsTable: { client: tables.client, tableName: tables.eventsTableName },
    keys,
    accessRecords: { client: tables.client, tableName: accessRecordsTable },
    clock: () => new Date('2026-03-02T08:00:00Z'),
    logger: new Logger({ serviceName: 'read-record-test', logLevel: 'CRITICAL' }),
  });

const recordsOf = async (record: string) =>
  (
    await tables.client.send(
      new QueryCommand({
        TableName: tables.accessRecordsTableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: recordPk(record) } },
      }),
    )
  ).Items ?? [];

beforeAll(async () => {
  tables = await testTables('read-record');
  keys = createKeyStore({ client: tables.client, tableName: tables.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 3)) });
  const store = createEventStore({
    client: tables.client,
    tableName: tables.eventsTableName,
    sealer: createPersonalSealer({ keys, catalogue }),
  });
  const post = inProcessCommands({ store, keys, clock: () => new Date('2026-03-02T07:00:00Z') });
  const opened = await post(reviewer, '/consultations', {
    agencyId: 'agency:hz-xihu',
    channel: 'hotline-12348',
    workstationId: null,
    topic: '工伤赔偿',
    category: 'labour',
    personName: PERSON,
    toldOfRightToApply: true,
    notToldReason: null,
    answer: '可申请法律援助',
  });
  expect(opened.status).toBe(201);
  consultationId = opened.body.id as string;
});

describe('a read that cannot be put on record', () => {
  it('answers 503 READ_NOT_RECORDED and none of the data', async () => {
    const res = await queries(`${tables.prefix}no-such-table`)(getEvent(consultationId), context);
    expect(res.statusCode).toBe(503);
    const body = JSON.parse(res.body ?? 'null') as Record<string, unknown>;
    expect(problemOf(body)).toMatchObject({ code: 'READ_NOT_RECORDED', reason: expect.any(String), retryable: true });
    expect(res.body).not.toContain(PERSON);
    expect(res.headers?.['x-personal-data']).toBeUndefined();
    expect(await recordsOf(`consultation#${consultationId}`)).toEqual([]);
  });

  it('the same read with its table answers the data and leaves exactly one record of it', async () => {
    const res = await queries(tables.accessRecordsTableName)(getEvent(consultationId), context);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body ?? 'null')).toMatchObject({ id: consultationId, personName: PERSON });
    const records = await recordsOf(`consultation#${consultationId}`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      principalId: { S: reviewer.sub },
      role: { S: reviewer.role },
      organisation: { S: reviewer.org },
      workstation: { NULL: true },
      routeKey: { S: 'GET /consultations/{id}' },
      requested: { S: consultationId },
      sourceIp: { S: '203.0.113.7' },
      at: { S: '2026-03-02T08:00:00.000Z' },
      purpose: { S: '核对咨询台账' },
      shown: { S: 'full' },
    });
  });
});
