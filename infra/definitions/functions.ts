// Every Lambda function of the stack, read by CDK (one NodejsFunction each) and by the local stack
// (which calls the same handler exports in-process). Entries are relative to the repository root.
import type { ProjectionName } from '../../events/routing.ts';

export type FunctionTrigger =
  | { kind: 'http' }
  | { kind: 'events-stream' }
  | { kind: 'projection'; projection: ProjectionName };

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
];
