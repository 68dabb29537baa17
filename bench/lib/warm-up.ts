// DynamoDB Local is a JVM: its first few thousand requests run before the JIT has compiled the hot
// paths and cost several times more CPU. One warm-up of the request kinds the scenarios use, on a
// table of its own, before anything is measured.
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { BenchContext } from './context.ts';
import { createEventsTable, dropTables, eventStoreItems, freshPrefix } from './dynamo.ts';
import { newCaseIds, streamOf } from './fixtures.ts';
import { runPool } from './pool.ts';

export const warmUpDynamo = async (ctx: Pick<BenchContext, 'flags' | 'dynamo'>) => {
  const { client } = ctx.dynamo;
  // Mostly on a table without a stream: the JIT warms up without loading the instance with stream records.
  const cases = ctx.flags.quick ? 20 : 60;
  const table = await createEventsTable(client, freshPrefix('warm'), { stream: false });
  const [template] = await eventStoreItems(newCaseIds(1), 1);
  const t0 = performance.now();
  await runPool(newCaseIds(cases), 16, async (id) => {
    for (let n = 1; n <= 10; n++) {
      await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'stream' },
          ExpressionAttributeValues: { ':s': { S: streamOf(id) } },
          ConsistentRead: true,
        }),
      );
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { ...template!, stream: { S: streamOf(id) }, version: { N: String(n) } },
          ConditionExpression: 'attribute_not_exists(#v)',
          ExpressionAttributeNames: { '#v': 'version' },
        }),
      );
    }
  });
  await dropTables(client, [table]);
  return (performance.now() - t0) / 1000;
};
