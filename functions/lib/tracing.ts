import { Tracer } from '@aws-lambda-powertools/tracer';

// X-Ray: a subsegment for every AWS SDK call a function makes (DynamoDB, EventBridge, SQS, KMS), under
// the invocation's segment that Lambda's active tracing opens (infra/constructs/handler-function.ts).
// Only the calls: no handler subsegment (Powertools would put the handler's response in its metadata,
// and responses hold personal data) and no global patching of http/fetch (every call that matters goes
// through an SDK client). What X-Ray records of a call is its whitelist: operation, table or queue,
// limit, consistency, request id and retries; never a key, an item or a message body.
// Outside Lambda (tests, the local stack) the tracer is off and hands a client back as it is.

const tracer = new Tracer({ captureHTTPsRequests: false });

/** The client, its calls traced when the function runs with tracing on. */
export const traced = <T extends object>(client: T): T => tracer.captureAWSv3Client(client);
