import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseState } from '../../../domain/case/state.ts';

/** The case-status read model of one case: the folded state and the last version applied to it. */
export type CaseStatusRecord = { caseId: string; version: number; state: CaseState; updatedAt: string };

const key = (caseId: string) => ({ pk: { S: `case#${caseId}` }, sk: { S: 'status' } });

export const createCaseStatusTable = ({ client, tableName }: { client: DynamoDBClient; tableName: string }) => ({
  get: async (caseId: string, { consistent = false } = {}): Promise<CaseStatusRecord | null> => {
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: key(caseId), ConsistentRead: consistent }));
    if (!out.Item) return null;
    const item = unmarshall(out.Item);
    return { caseId: item.caseId as string, version: item.version as number, state: item.state as CaseState, updatedAt: item.updatedAt as string };
  },

  /**
   * Writes the record only if it moves the case forward: a slower delivery of an older version
   * can never overwrite a newer one. Returns false when a newer record was already there.
   */
  put: async (record: CaseStatusRecord): Promise<boolean> => {
    const s = record.state;
    const item = {
      ...record,
      pk: `case#${record.caseId}`,
      sk: 'status',
      // List queries: by agency and status, by origin organisation, by assigned worker.
      ...(s.agencyId ? { gsi1pk: `agency#${s.agencyId}#${s.status}`, gsi1sk: `${s.receivedAt ?? ''}#${record.caseId}` } : {}),
    };
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false }),
          ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(record.version) } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
});

export type CaseStatusTable = ReturnType<typeof createCaseStatusTable>;
