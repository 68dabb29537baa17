import { DynamoDBStreamsClient, DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand } from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal, localDynamoClient, localCredentials, localRegion } from '/work/main/infra/local/dynamodb-local.ts';
import { ensureTables } from '/work/main/infra/local/create-tables.ts';
import { tables } from '/work/main/infra/definitions/tables.ts';
const phase = process.argv[2];
const d = await startDynamoDbLocal({ port: 8811, dataDir: '/tmp/ddbtest/data' });
const c = localDynamoClient(d.endpoint);
await ensureTables(c, 't-', tables);
const arn = (await c.send(new DescribeTableCommand({ TableName: 't-events' }))).Table!.LatestStreamArn!;
console.log('arn', arn);
await c.send(new PutItemCommand({ TableName: 't-events', Item: { stream: { S: 'a' }, version: { N: String(Date.now()) } } }));
const s = new DynamoDBStreamsClient({ endpoint: d.endpoint, region: localRegion, credentials: localCredentials });
const desc = await s.send(new DescribeStreamCommand({ StreamArn: arn }));
console.log(JSON.stringify(desc.StreamDescription!.Shards));
for (const sh of desc.StreamDescription!.Shards!) {
  let it = (await s.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: sh.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const r = await s.send(new GetRecordsCommand({ ShardIterator: it! }));
  console.log(sh.ShardId, r.Records!.map(x => x.dynamodb!.SequenceNumber + ' ' + x.dynamodb!.Keys!.version!.N), 'next', !!r.NextShardIterator);
}
await d.stop();
