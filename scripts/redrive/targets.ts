import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { projectionNames } from '../../events/routing.ts';
import { stackOutputKey, stackQueues, type QueueRole } from '../../infra/definitions/projection-delivery.ts';
import { queueUrl } from '../../infra/local/aws-emulator.ts';
import { localCredentials, localRegion } from '../../infra/local/dynamodb-local.ts';
import { LOCAL_ACCOUNT } from '../../infra/local/local-queues.ts';

/** One queue of the stack the redrive may read: its short name (infra/definitions/projection-delivery.ts), role, URL and ARN. */
export type TargetQueue = { name: string; role: QueueRole; url: string; arn: string };

/** Where a redrive runs: AWS clients for one deployed stage, or for the local emulator; the same code uses either. */
export type RedriveTarget = {
  description: string;
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  /** The events table and its stream, to read stream failures back; null when not known (then those messages are kept). */
  events: { dynamo: DynamoDBClient; streams: DynamoDBStreamsClient; tableName: string } | null;
  busName: string | null;
  queues: TargetQueue[];
  destroy: () => void;
};

/** The local stack, through its AWS emulator and DynamoDB Local (the endpoints `npm start` writes). */
export const localTarget = ({
  endpoint,
  dynamodb,
  eventsTable,
  busName,
}: {
  endpoint: string;
  dynamodb?: string;
  eventsTable?: string;
  busName?: string;
}): RedriveTarget => {
  const config = { endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 };
  const sqs = new SQSClient(config);
  const eventBridge = new EventBridgeClient(config);
  const events =
    dynamodb && eventsTable
      ? {
          dynamo: new DynamoDBClient({ ...config, endpoint: dynamodb }),
          streams: new DynamoDBStreamsClient({ ...config, endpoint: dynamodb }),
          tableName: eventsTable,
        }
      : null;
  return {
    description: `the local stack at ${endpoint}`,
    sqs,
    eventBridge,
    events,
    busName: busName ?? null,
    queues: stackQueues(projectionNames).map((q) => ({
      ...q,
      url: queueUrl(endpoint, q.name),
      arn: `arn:aws:sqs:${localRegion}:${LOCAL_ACCOUNT}:${q.name}`,
    })),
    destroy: () => {
      sqs.destroy();
      eventBridge.destroy();
      events?.dynamo.destroy();
      events?.streams.destroy();
    },
  };
};

/** A deployed stage: the queues, bus and table from the outputs of CloudFormation stack `LegalAid-<stage>`. */
export const stackTarget = async (stage: string, stackName: string): Promise<RedriveTarget> => {
  const cloudFormation = new CloudFormationClient({});
  let outputs: Map<string, string>;
  try {
    const out = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = new Map((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } finally {
    cloudFormation.destroy();
  }
  const output = (key: string) => {
    const value = outputs.get(key);
    if (!value) throw new Error(`stack ${stackName} has no output ${key}: is stage ${stage} deployed with this version?`);
    return value;
  };
  const queues = stackQueues(projectionNames).map((q) => ({
    ...q,
    url: output(stackOutputKey('QueueUrl', q.name)),
    arn: output(stackOutputKey('QueueArn', q.name)),
  }));
  const sqs = new SQSClient({});
  const eventBridge = new EventBridgeClient({});
  const dynamo = new DynamoDBClient({});
  const streams = new DynamoDBStreamsClient({});
  return {
    description: `stage ${stage} (stack ${stackName})`,
    sqs,
    eventBridge,
    events: { dynamo, streams, tableName: output('EventsTableName') },
    busName: output('EventBusName'),
    queues,
    destroy: () => {
      sqs.destroy();
      eventBridge.destroy();
      dynamo.destroy();
      streams.destroy();
    },
  };
};
