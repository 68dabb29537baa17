// Every Lambda function of the stack, read by CDK (one NodejsFunction each), the template tests and
// the cold-start bench. Entries are relative to the repository root.
import { type ProjectionName, projectionRules } from '../../events/routing.ts';

export type FunctionTrigger =
  | { kind: 'http' }
  | { kind: 'events-stream' }
  | { kind: 'projection'; projection: ProjectionName }
  /** Invoked by an operator (or a script) with a payload, never by an event source: the rebuild job. */
  | { kind: 'job' }
  /** Invoked by the analytics Firehose delivery stream on each buffered batch (infra/constructs/analytics-export.ts). */
  | { kind: 'firehose-transform' };

/**
 * What a function does with personal data (infra/constructs/record-keys.ts grants it): `seals` makes
 * records' data keys and seals on append (and opens what it answers), `opens` only opens what it
 * answers, `none` never sees a data key (it carries or stores sealed values as they are).
 */
export type PersonalAccess = 'seals' | 'opens' | 'none';

/**
 * DynamoDB item actions, named as IAM names them. A TransactWriteItems call needs no action of its
 * own: DynamoDB authorizes each of its items as the single-item action (Put as PutItem, ConditionCheck
 * as ConditionCheckItem), https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
 */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'Scan'
  | 'ConditionCheckItem'
  | 'PutItem'
  | 'BatchWriteItem'
  | 'DeleteItem'
  | 'UpdateItem';

/** The actions that change a table's items; the others only read. */
export const writeActions: readonly TableAction[] = ['PutItem', 'BatchWriteItem', 'DeleteItem', 'UpdateItem'];

export type FunctionDefinition = {
  id: string;
  entry: string;
  description: string;
  trigger: FunctionTrigger;
  /**
   * What the function may touch; CDK grants exactly this and nothing more. Table actions are the ones
   * its code calls (a Query on the read models also reaches their indexes); none is a table untouched.
   */
  access: {
    events: readonly TableAction[];
    readModels: readonly TableAction[];
    /** The reads on record (access-records): the API functions put each read of personal data, the query function answers the read audit. */
    accessRecords: readonly TableAction[];
    putEvents: boolean;
    deadLetter: boolean;
    personal: PersonalAccess;
  };
  memoryMb: number;
  timeoutSeconds: number;
  /**
   * Concurrency reserved for (and capping) the function. A job fanned out over many segments would
   * otherwise take the account's whole pool, and the API would be throttled while it runs.
   */
  reservedConcurrency?: number;
};

/** A projection reads the missing events of a stream (gap filling) and reads and conditionally puts its own items. */
const projectionEvents: readonly TableAction[] = ['GetItem', 'Query'];
const projectionReadModels: readonly TableAction[] = ['GetItem', 'PutItem'];
/**
 * The statistics projection also adds to counter items (UpdateItem) and removes open deadlines
 * (DeleteItem), all in one TransactWriteItems per event (functions/projections/statistics.ts).
 */
const statisticsReadModels: readonly TableAction[] = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'];

/**
 * One function per projection of the routing rules, so adding a projection there (and its entry in
 * functions/projections/registry.ts, which the type system holds to the same names) is all it takes.
 */
const projectionFunctions: readonly FunctionDefinition[] = projectionRules.map((rule) => ({
  id: `projection-${rule.projection}`,
  entry: `functions/projections/${rule.projection}.lambda.ts`,
  // Lambda allows 256 characters of description.
  description: `Projection ${rule.projection}, fed by its SQS queue: ${rule.description}`.slice(0, 256),
  trigger: { kind: 'projection', projection: rule.projection },
  access: {
    events: projectionEvents,
    readModels: rule.projection === 'statistics' ? statisticsReadModels : projectionReadModels,
    accessRecords: [],
    putEvents: false,
    deadLetter: false,
    personal: 'none',
  },
  memoryMb: 512,
  timeoutSeconds: 30,
}));

export const functionDefinitions: readonly FunctionDefinition[] = [
  {
    id: 'api-commands',
    entry: 'functions/api/commands.lambda.ts',
    description: 'HTTP command API: validate, load the case, decide, append',
    trigger: { kind: 'http' },
    // Loads a stream (Query, GetItem) and appends with a conditional put; it reads no read model.
    // Seals on append; its answers (and the gate's presenter) open what they show.
    // Puts a read on record when its answer shows personal data (functions/lib/privacy/read-record.ts).
    access: {
      events: ['GetItem', 'Query', 'PutItem', 'ConditionCheckItem'],
      readModels: [],
      accessRecords: ['PutItem'],
      putEvents: false,
      deadLetter: false,
      personal: 'seals',
    },
    memoryMb: 1024,
    timeoutSeconds: 10,
  },
  {
    id: 'api-queries',
    entry: 'functions/api/queries.lambda.ts',
    description: 'HTTP query API over the read models and the event store',
    trigger: { kind: 'http' },
    // Puts every read of personal data on record, and answers the read audit (GET /audit/reads).
    // Reports read the statistics counters of their agencies and months in BatchGetItem calls.
    access: {
      events: ['GetItem', 'Query'],
      readModels: ['GetItem', 'BatchGetItem', 'Query'],
      accessRecords: ['PutItem', 'Query'],
      putEvents: false,
      deadLetter: false,
      personal: 'opens',
    },
    memoryMb: 1024,
    timeoutSeconds: 10,
  },
  {
    id: 'stream-publisher',
    entry: 'functions/publisher/publisher.lambda.ts',
    description: 'DynamoDB stream of the events table to the EventBridge bus',
    trigger: { kind: 'events-stream' },
    // Carries sealed values as stored (thin bus entries come from the catalogue's marks, not from opening).
    access: { events: [], readModels: [], accessRecords: [], putEvents: true, deadLetter: true, personal: 'none' },
    memoryMb: 512,
    timeoutSeconds: 60,
  },
  ...projectionFunctions,
  {
    id: 'analytics-transform',
    entry: 'functions/analytics/firehose-transform.lambda.ts',
    description:
      'Analytics export: each event from the bus to a Parquet row without personal fields, partitioned by business date and province',
    trigger: { kind: 'firehose-transform' },
    // Reads a stream's opening (its agency) and the registry's streams (its province); writes nothing.
    access: { events: ['Query'], readModels: [], accessRecords: [], putEvents: false, deadLetter: false, personal: 'none' },
    memoryMb: 512,
    // Firehose's advice for a transform: a minute or more (its invocation carries up to 3 MB of records).
    timeoutSeconds: 120,
  },
  {
    // docs/operations.md, "Rebuild a projection": one invocation drops or rebuilds one scan segment.
    id: 'rebuild',
    entry: 'functions/rebuild/rebuild.lambda.ts',
    description: 'Rebuild job: drops and refolds read models from the event store, one scan segment per invocation',
    trigger: { kind: 'job' },
    // Scans the events table (the only function that may) and drops and rewrites its projections' items.
    access: {
      events: ['Scan'],
      readModels: ['Scan', 'BatchWriteItem', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      accessRecords: [],
      putEvents: false,
      deadLetter: false,
      personal: 'none',
    },
    memoryMb: 2048,
    timeoutSeconds: 900,
    // At most this many segments run at once; further invocations are throttled (docs/operations.md).
    reservedConcurrency: 10,
  },
];
