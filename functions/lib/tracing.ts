import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

// X-Ray: a subsegment for every AWS SDK call a function makes (DynamoDB, EventBridge, SQS, KMS), under
// the segment Lambda's active tracing opens for each invocation (infra/constructs/handler-function.ts).
// Written here rather than with the X-Ray SDK (Powertools Tracer's captureAWSv3Client): that SDK added
// 122 KB to every bundle (bench cold-start), for what is one SDK middleware and one UDP datagram per
// call to the X-Ray daemon Lambda runs beside the function, in the documented segment format
// (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html, xray-api-sendingdata.html).
// What a subsegment holds: service, operation, region, table or queue, status, attempts, request id;
// never a key, an item, an event or a message body. Nothing is sent unless the invocation is sampled
// (Lambda says so in its trace header) and the daemon's address is set: never in tests or the local stack.

/** Lambda's trace header: `Root=1-…;Parent=…;Sampled=1`. */
export type TraceHeader = { root: string; parent: string; sampled: boolean };

export const parseTraceHeader = (value: string | undefined): TraceHeader | null => {
  if (!value) return null;
  const parts = new Map(value.split(';').map((p) => p.split('=', 2) as [string, string]));
  const root = parts.get('Root');
  const parent = parts.get('Parent');
  return root && parent ? { root, parent, sampled: parts.get('Sampled') === '1' } : null;
};

type LambdaGlobal = { awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } } };

/** The current invocation's header: the runtime's invoke store (concurrent invocations), else the variable it sets per invocation. */
const currentTraceHeader = () =>
  parseTraceHeader((globalThis as LambdaGlobal).awslambda?.InvokeStore?.getXRayTraceId?.() ?? process.env._X_AMZN_TRACE_ID);

/** `AWS_XRAY_DAEMON_ADDRESS`: `host:port`, or `tcp:host:port udp:host:port`; segments go by UDP. */
export const daemonAddressOf = (value: string | undefined): { host: string; port: number } | null => {
  if (!value) return null;
  const udp =
    value
      .split(' ')
      .find((p) => p.startsWith('udp:'))
      ?.slice(4) ?? value;
  const at = udp.lastIndexOf(':');
  const port = Number(udp.slice(at + 1));
  return at > 0 && Number.isInteger(port) ? { host: udp.slice(0, at), port } : null;
};

export type Subsegment = {
  id: string;
  trace_id: string;
  parent_id: string;
  name: string;
  type: 'subsegment';
  namespace: 'aws';
  start_time: number;
  end_time: number;
  aws: { operation: string; region?: string; request_id?: string; retries?: number; table_name?: string; queue_url?: string };
  http?: { response: { status: number } };
  error?: true;
  throttle?: true;
  fault?: true;
};

/** Where subsegments go: the daemon, one datagram each (a send that fails is dropped, as the X-Ray SDK drops it). */
export type Emit = (subsegment: Subsegment) => void;

let socket: Socket | null = null;
const HEADER = '{"format": "json", "version": 1}\n';
export const udpEmit: Emit = (subsegment) => {
  const daemon = daemonAddressOf(process.env.AWS_XRAY_DAEMON_ADDRESS);
  if (!daemon) return;
  if (!socket) {
    socket = createSocket('udp4');
    // Never what keeps the process alive or fails an invocation.
    socket.unref();
    socket.on('error', () => {});
  }
  socket.send(`${HEADER}${JSON.stringify(subsegment)}`, daemon.port, daemon.host, () => {});
};

type SdkClient = {
  config: { region?: unknown };
  middlewareStack: {
    add: (
      middleware: (
        next: (args: { input: object }) => Promise<{ output: unknown }>,
        context: { clientName?: string; commandName?: string },
      ) => (args: { input: object }) => Promise<{ output: unknown }>,
      options: { step: 'initialize'; name: string },
    ) => void;
  };
};

/** The error names the SDK's retry strategy counts as throttling (@smithy/service-error-classification). */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);

type Metadata = { $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number } };
const seconds = () => Date.now() / 1000;
const regionOf = async (client: SdkClient) => {
  const r = client.config.region;
  return typeof r === 'function' ? String(await (r as () => Promise<string>)()) : typeof r === 'string' ? r : undefined;
};

/** The client, each of its calls a subsegment of the invocation when Lambda samples it. */
export const traced = <T extends object>(client: T, emit: Emit = udpEmit): T => {
  const sdk = client as unknown as SdkClient;
  sdk.middlewareStack.add(
    (next, context) => async (args) => {
      const trace = currentTraceHeader();
      if (!trace?.sampled) return next(args);
      const start = seconds();
      const input = args.input as { TableName?: unknown; QueueUrl?: unknown };
      const segment = (meta: Metadata['$metadata'], failed?: { status: number; throttled: boolean }): Subsegment => ({
        id: randomBytes(8).toString('hex'),
        trace_id: trace.root,
        parent_id: trace.parent,
        name: (context.clientName ?? 'AWS').replace(/Client$/, ''),
        type: 'subsegment',
        namespace: 'aws',
        start_time: start,
        end_time: seconds(),
        aws: {
          operation: (context.commandName ?? '').replace(/Command$/, ''),
          ...(meta?.requestId ? { request_id: meta.requestId } : {}),
          ...(meta?.attempts ? { retries: meta.attempts - 1 } : {}),
          ...(typeof input.TableName === 'string' ? { table_name: input.TableName } : {}),
          ...(typeof input.QueueUrl === 'string' ? { queue_url: input.QueueUrl } : {}),
        },
        ...(meta?.httpStatusCode ? { http: { response: { status: meta.httpStatusCode } } } : {}),
        ...(failed && failed.status < 500 ? { error: true as const } : {}),
        ...(failed?.throttled ? { throttle: true as const } : {}),
        ...(failed && failed.status >= 500 ? { fault: true as const } : {}),
      });
      const region = await regionOf(sdk);
      const withRegion = (s: Subsegment): Subsegment => ({ ...s, aws: { ...s.aws, ...(region ? { region } : {}) } });
      try {
        const result = await next(args);
        emit(withRegion(segment((result.output as Metadata).$metadata)));
        return result;
      } catch (error) {
        const meta = (error as Metadata).$metadata;
        const status = meta?.httpStatusCode ?? 500;
        const name = (error as { name?: string }).name ?? '';
        emit(withRegion(segment(meta, { status, throttled: status === 429 || THROTTLING.has(name) })));
        throw error;
      }
    },
    { step: 'initialize', name: 'xrayCallSubsegment' },
  );
  return client;
};
