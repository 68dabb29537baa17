import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { scanPages } from '../dynamo-pages.ts';
import type { CaseStatusTable } from '../read-models/case-status-table.ts';
import { readRawStream, scanRawStreams, type EventsTableRef } from './raw-events.ts';
import { verifyRawItems, type VerifyReport } from './verify.ts';

// Verification against the tables: one case (the /verify route and `audit verify --case`) or every
// stream (`audit verify --all`). The case-status read model supplies the version each case reached,
// so a removed last event — which leaves a shorter but intact chain — is found too.

export const CASE_PREFIX = 'case#';
export const streamOfCase = (caseId: string) => `${CASE_PREFIX}${caseId}`;

export type VerifySources = { events: EventsTableRef; caseStatus: CaseStatusTable | null };

export const verifyCase = async ({ events, caseStatus }: VerifySources, caseId: string): Promise<VerifyReport> => {
  const stream = streamOfCase(caseId);
  const [items, record] = await Promise.all([
    readRawStream(events, stream),
    caseStatus ? caseStatus.get(caseId, { consistent: true }) : null,
  ]);
  return verifyRawItems(stream, items, { readModelVersion: record?.version ?? null });
};

/** Versions the case-status read model holds, by stream: a parallel Scan of its status records. */
const scanReadModelVersions = async (
  { client, tableName }: { client: DynamoDBClient; tableName: string },
  segments: number,
): Promise<Map<string, number>> => {
  const versions = new Map<string, number>();
  await Promise.all(
    Array.from({ length: segments }, (_, segment) =>
      scanPages(
        client,
        {
          TableName: tableName,
          Segment: segment,
          TotalSegments: segments,
          FilterExpression: 'begins_with(pk, :p) AND sk = :s',
          ProjectionExpression: 'pk, #v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':p': { S: CASE_PREFIX }, ':s': { S: 'status' } },
        },
        (items) => {
          for (const item of items) {
            const pk = item.pk?.S;
            const version = Number(item.version?.N);
            if (pk && Number.isSafeInteger(version)) versions.set(pk, version);
          }
        },
      ),
    ),
  );
  return versions;
};

export type TableVerification = { reports: VerifyReport[]; streams: number; events: number; broken: VerifyReport[] };

/**
 * Every stream of the events table (parallel Scan, grouped by stream), each verified; with the read
 * models' table, also every case the read model knows but whose events are all gone.
 */
export const verifyTable = async ({
  events,
  readModels,
  segments = 4,
}: {
  events: EventsTableRef;
  readModels: { client: DynamoDBClient; tableName: string } | null;
  segments?: number;
}): Promise<TableVerification> => {
  const [streams, readModelVersions] = await Promise.all([
    scanRawStreams(events, { segments }),
    readModels ? scanReadModelVersions(readModels, segments) : new Map<string, number>(),
  ]);
  const reports: VerifyReport[] = [];
  for (const [stream, items] of streams)
    reports.push(verifyRawItems(stream, items, { readModelVersion: readModelVersions.get(stream) ?? null }));
  for (const [stream, version] of readModelVersions) {
    if (!streams.has(stream)) reports.push(verifyRawItems(stream, [], { readModelVersion: version }));
  }
  reports.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  const broken = reports.filter((r) => !r.verified);
  return { reports, streams: reports.length, events: reports.reduce((n, r) => n + r.events, 0), broken };
};
