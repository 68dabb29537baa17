import { randomUUID } from 'node:crypto';
import { TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from '../http/http-error.ts';
import type { Principal } from '../http/principal.ts';
import { accessPurposeOf } from './access-purpose.ts';

// Every read of personal data on record (PIPL Art 51: the processor audits who handles personal data).
// The HTTP gate asks for a pending read before the handler runs (so a malformed stated purpose is a
// 400 before anything is read) and records it after the answer was presented, when the answer showed
// some record's personal data. The caller gets that answer only once the record is written: a read
// that cannot be recorded is a 503 and shows nothing.

export type AccessRecordsRef = { client: DynamoDBClient; tableName: string };

/** One record a read showed: who read it, as what, from where, when, through which route, and why. */
export type AccessRecord = {
  readId: string;
  at: string;
  /** The record (data subject's key id: a case, consultation, duty record, worker) whose data was shown. */
  record: string;
  /** The id in the request's path (the record asked for), or null for a list. */
  requested: string | null;
  routeKey: string;
  reader: { id: string; role: string; organisation: string; workstation: string | null };
  /** API Gateway's `requestContext.http.sourceIp` (payload 2.0): the address the request came from. */
  sourceIp: string | null;
  /** How the record's personal fields were shown to the reader's role. */
  shown: 'full' | 'masked';
  purpose: string | null;
};

/**
 * The response header through which a handler names records whose data its answer showed without a
 * sealed value for the presenter to find (a CSV, a case's status); the presenter reads and removes it.
 */
export const PERSONAL_SUBJECTS_HEADER = 'x-personal-subjects';

export const recordPk = (record: string) => `record#${record}`;
export const readerPk = (principalId: string) => `reader#${principalId}`;

/** DynamoDB's limit of actions in one TransactWriteItems call. */
const MAX_TRANSACTION = 100;
const MAX_ID = 200;

const s = (value: string): AttributeValue => ({ S: value });
const orNull = (value: string | null): AttributeValue => (value === null ? { NULL: true } : s(value));

/** The item of one record a read showed; sk and gsi1sk sort a record's and a reader's reads by time. */
export const accessRecordItem = (r: AccessRecord): Record<string, AttributeValue> => ({
  pk: s(recordPk(r.record)),
  sk: s(`${r.at}#${r.readId}`),
  gsi1pk: s(readerPk(r.reader.id)),
  gsi1sk: s(`${r.at}#${r.readId}#${r.record}`),
  readId: s(r.readId),
  at: s(r.at),
  record: s(r.record),
  requested: orNull(r.requested),
  routeKey: s(r.routeKey),
  principalId: s(r.reader.id),
  role: s(r.reader.role),
  organisation: s(r.reader.organisation),
  workstation: orNull(r.reader.workstation),
  sourceIp: orNull(r.sourceIp),
  shown: s(r.shown),
  purpose: orNull(r.purpose),
});

const str = (item: Record<string, AttributeValue>, name: string): string | null => item[name]?.S ?? null;

/** An item back as a record (the read-audit query). */
export const accessRecordOf = (item: Record<string, AttributeValue>): AccessRecord => ({
  readId: str(item, 'readId') ?? '',
  at: str(item, 'at') ?? '',
  record: str(item, 'record') ?? '',
  requested: str(item, 'requested'),
  routeKey: str(item, 'routeKey') ?? '',
  reader: {
    id: str(item, 'principalId') ?? '',
    role: str(item, 'role') ?? '',
    organisation: str(item, 'organisation') ?? '',
    workstation: str(item, 'workstation'),
  },
  sourceIp: str(item, 'sourceIp'),
  shown: str(item, 'shown') === 'full' ? 'full' : 'masked',
  purpose: str(item, 'purpose'),
});

/** What the gate hands over once the answer is presented. */
export type ShownAnswer = { subjects: readonly string[]; shown: 'full' | 'masked' };

export type PendingRead = { record: (principal: Principal, answer: ShownAnswer) => Promise<void> };

export type ReadRecorder = {
  /** Before the handler runs: what the request says of the read (its stated purpose); 400 if malformed. */
  begin: (event: APIGatewayProxyEventV2) => PendingRead;
};

const bounded = (value: string | undefined | null) => (value ? value.slice(0, MAX_ID) : null);

/**
 * Writes each read as one item per record it showed, each put conditional on a new key (the table is
 * append-only; IAM denies updates and deletes). A read of up to 100 records is one transaction: all
 * its items or none. A longer one (no answer of this API pages past 100 records today) is several,
 * and a failure between them leaves records of a read the caller did not get: on record too much,
 * never too little.
 */
export const createReadRecorder = ({
  table,
  clock,
  logger,
  newId = randomUUID,
}: {
  table: AccessRecordsRef;
  clock: () => Date;
  logger: Logger;
  newId?: () => string;
}): ReadRecorder => ({
  begin: (event) => {
    const purpose = accessPurposeOf(event.headers);
    return {
      record: async (principal, { subjects, shown }) => {
        if (subjects.length === 0) return;
        const readId = newId();
        const at = clock().toISOString();
        const items = [...new Set(subjects)].map((record) =>
          accessRecordItem({
            readId,
            at,
            record,
            requested: bounded(event.pathParameters?.id),
            routeKey: event.routeKey,
            reader: { id: principal.id, role: principal.role, organisation: principal.organisation, workstation: principal.workstation },
            sourceIp: bounded(event.requestContext?.http?.sourceIp),
            shown,
            purpose,
          }),
        );
        try {
          for (let i = 0; i < items.length; i += MAX_TRANSACTION) {
            await table.client.send(
              new TransactWriteItemsCommand({
                TransactItems: items.slice(i, i + MAX_TRANSACTION).map((Item) => ({
                  Put: { TableName: table.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
                })),
              }),
            );
          }
        } catch (error) {
          logger.error('read not recorded', { routeKey: event.routeKey, readId, error: error as Error });
          throw new HttpError(503, 'READ_NOT_RECORDED', 'the read could not be put on record, so nothing is shown; try again', {
            details: { retryable: true },
          });
        }
      },
    };
  },
});
