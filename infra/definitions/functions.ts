// Every Lambda function of the stack, read by CDK (one NodejsFunction each), the template tests and
// the cold-start bench. Entries are relative to the repository root.
import type { ProjectionName } from '../../events/routing.ts';

export type FunctionTrigger =
  | { kind: 'http' }
  | { kind: 'events-stream' }
  | { kind: 'projection'; projection: ProjectionName }
  /** Invoked by an operator (or a script) with a payload, never by an event source: the rebuild job. */
  | { kind: 'job' };

export type FunctionDefinition = {
  id: string;
  entry: string;
  description: string;
  trigger: FunctionTrigger;
  /** What the function may touch; CDK grants exactly this and nothing more. */
  access: {
    events: 'none' | 'read' | 'read-write';
    readModels: 'none' | 'read' | 'read-write';
    putEvents: boolean;
    deadLetter: boolean;
  };
  memoryMb: number;
  timeoutSeconds: number;
};

export const functionDefinitions: readonly FunctionDefinition[] = [
  {
    id: 'api-commands',
    entry: 'functions/api/commands.lambda.ts',
    description: 'HTTP command API: validate, load the case, decide, append',
    trigger: { kind: 'http' },
    access: { events: 'read-write', readModels: 'read', putEvents: false, deadLetter: false },
    memoryMb: 1024,
    timeoutSeconds: 10,
  },
  {
    id: 'api-queries',
    entry: 'functions/api/queries.lambda.ts',
    description: 'HTTP query API over the read models and the event store',
    trigger: { kind: 'http' },
    access: { events: 'read', readModels: 'read', putEvents: false, deadLetter: false },
    memoryMb: 1024,
    timeoutSeconds: 10,
  },
  {
    id: 'stream-publisher',
    entry: 'functions/publisher/publisher.lambda.ts',
    description: 'DynamoDB stream of the events table to the EventBridge bus',
    trigger: { kind: 'events-stream' },
    access: { events: 'none', readModels: 'none', putEvents: true, deadLetter: true },
    memoryMb: 512,
    timeoutSeconds: 60,
  },
  {
    id: 'projection-case-status',
    entry: 'functions/projections/case-status.lambda.ts',
    description: 'Case-status read model',
    trigger: { kind: 'projection', projection: 'case-status' },
    access: { events: 'read', readModels: 'read-write', putEvents: false, deadLetter: false },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  {
    id: 'projection-quality',
    entry: 'functions/projections/quality.lambda.ts',
    description: 'Quality-supervision read model: checks, complaints, deadline compliance, consultation ledger',
    trigger: { kind: 'projection', projection: 'quality' },
    access: { events: 'read', readModels: 'read-write', putEvents: false, deadLetter: false },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  {
    id: 'projection-funding',
    entry: 'functions/projections/funding.lambda.ts',
    description: 'Funding read model: assessed subsidies, approvals and payments, funds',
    trigger: { kind: 'projection', projection: 'funding' },
    access: { events: 'read', readModels: 'read-write', putEvents: false, deadLetter: false },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  {
    // docs/operations.md, "Rebuild a projection": one invocation drops or rebuilds one scan segment.
    id: 'rebuild',
    entry: 'functions/rebuild/rebuild.lambda.ts',
    description: 'Rebuild job: drops and refolds read models from the event store, one scan segment per invocation',
    trigger: { kind: 'job' },
    access: { events: 'read', readModels: 'read-write', putEvents: false, deadLetter: false },
    memoryMb: 2048,
    timeoutSeconds: 900,
  },
];
