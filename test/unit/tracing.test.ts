import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { daemonAddressOf, parseTraceHeader, traced, udpEmit, type Subsegment } from '../../functions/lib/tracing.ts';

// X-Ray subsegments of the functions' AWS SDK calls (functions/lib/tracing.ts), against a small HTTP
// server that answers as DynamoDB would (a result, a throttle, a fault) and, for the datagram itself,
// a UDP socket standing where Lambda's X-Ray daemon listens.

const root = join(import.meta.dirname, '../..');
const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';
const SECRET_KEY = 'case#4f1e2d3c-secret-stream-key';

let server: Server;
let endpoint: string;
/** What the server answers next: status and body. */
let next: { status: number; type?: string; body: unknown } = { status: 200, body: { Items: [], Count: 0 } };
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(next.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ-42' });
      res.end(JSON.stringify(next.body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const saved = { trace: process.env._X_AMZN_TRACE_ID, daemon: process.env.AWS_XRAY_DAEMON_ADDRESS };
afterEach(() => {
  for (const [name, value] of [
    ['_X_AMZN_TRACE_ID', saved.trace],
    ['AWS_XRAY_DAEMON_ADDRESS', saved.daemon],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A traced client whose subsegments are collected, and one query through it. */
const query = async () => {
  const emitted: Subsegment[] = [];
  const client = traced(
    new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 }),
    (s) => emitted.push(s),
  );
  const call = client.send(
    new QueryCommand({
      TableName: 'legal-aid-events',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'stream' },
      ExpressionAttributeValues: { ':s': { S: SECRET_KEY } },
      ConsistentRead: true,
    }),
  );
  const outcome = await call.then(
    () => 'ok',
    (error: Error) => error.name,
  );
  client.destroy();
  return { emitted, outcome };
};

describe('subsegments of AWS SDK calls', () => {
  it('one per call of a sampled invocation, under its segment, naming the call and never its data', async () => {
    process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${PARENT};Sampled=1`;
    next = { status: 200, body: { Items: [], Count: 0 } };
    const { emitted, outcome } = await query();
    expect(outcome).toBe('ok');
    expect(emitted).toHaveLength(1);
    const s = emitted[0]!;
    expect(s).toMatchObject({
      trace_id: ROOT,
      parent_id: PARENT,
      type: 'subsegment',
      namespace: 'aws',
      name: 'DynamoDB',
      aws: { operation: 'Query', region: 'cn-north-1', table_name: 'legal-aid-events', request_id: 'REQ-42', retries: 0 },
      http: { response: { status: 200 } },
    });
    expect(s.id).toMatch(/^[0-9a-f]{16}$/);
    expect(s.end_time).toBeGreaterThanOrEqual(s.start_time);
    expect(s).not.toHaveProperty('error');
    expect(s).not.toHaveProperty('fault');
    expect(JSON.stringify(s)).not.toContain(SECRET_KEY);
  });

  it('marks a throttle as an error and a throttle, a server failure as a fault, and still fails the call', async () => {
    process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${PARENT};Sampled=1`;
    next = {
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow down' },
    };
    const throttled = await query();
    expect(throttled.outcome).toBe('ProvisionedThroughputExceededException');
    expect(throttled.emitted[0]).toMatchObject({ error: true, throttle: true, http: { response: { status: 400 } } });
    next = { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' } };
    const failed = await query();
    expect(failed.outcome).toBe('InternalServerError');
    expect(failed.emitted[0]).toMatchObject({ fault: true, http: { response: { status: 500 } } });
    expect(failed.emitted[0]).not.toHaveProperty('error');
  });

  it('sends nothing for an invocation Lambda did not sample, or outside Lambda', async () => {
    process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=${PARENT};Sampled=0`;
    next = { status: 200, body: { Items: [], Count: 0 } };
    expect((await query()).emitted).toEqual([]);
    delete process.env._X_AMZN_TRACE_ID;
    expect((await query()).emitted).toEqual([]);
  });

  it('sends a subsegment to the daemon as one datagram in the X-Ray format', async () => {
    const daemon = createSocket('udp4');
    daemon.bind(0, '127.0.0.1');
    await once(daemon, 'listening');
    process.env.AWS_XRAY_DAEMON_ADDRESS = `tcp:127.0.0.1:1 udp:127.0.0.1:${daemon.address().port}`;
    const received = once(daemon, 'message');
    const sent = { id: 'a1b2c3d4e5f60718', trace_id: ROOT, parent_id: PARENT, name: 'EventBridge' } as Subsegment;
    udpEmit(sent);
    const [message] = (await received) as [Buffer];
    daemon.close();
    const [header, body] = message.toString('utf8').split('\n');
    expect(JSON.parse(header!)).toEqual({ format: 'json', version: 1 });
    expect(JSON.parse(body!)).toEqual(sent);
  });

  it('reads the trace header and the daemon address as Lambda writes them', () => {
    expect(parseTraceHeader(`Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=a:1`)).toEqual({ root: ROOT, parent: PARENT, sampled: true });
    expect(parseTraceHeader(`Root=${ROOT};Sampled=1`)).toBeNull();
    expect(daemonAddressOf('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
    expect(daemonAddressOf('tcp:127.0.0.1:2000 udp:127.0.0.2:2001')).toEqual({ host: '127.0.0.2', port: 2001 });
    expect(daemonAddressOf(undefined)).toBeNull();
  });

  it('leaves no SDK client of a Lambda entry or the shared clients untraced', () => {
    const files = [
      'functions/lib/aws-clients.ts',
      ...readdirSync(join(root, 'functions'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.lambda.ts'))
        .map((f) => `functions/${f}`),
    ];
    const constructed = files.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/(traced\()?new (\w+Client)\(/g)].map((m) => ({
        file,
        client: m[2],
        traced: !!m[1],
      })),
    );
    // The publisher's EventBridge and SQS clients, the shared DynamoDB and KMS clients at least.
    expect(new Set(constructed.map((c) => c.client))).toEqual(new Set(['DynamoDBClient', 'KMSClient', 'EventBridgeClient', 'SQSClient']));
    expect(constructed.filter((c) => !c.traced)).toEqual([]);
  });
});
