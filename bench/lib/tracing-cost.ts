import { GetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { traced, type Subsegment } from '../../functions/lib/tracing.ts';
import { median, round } from './stats.ts';

// What X-Ray tracing (functions/lib/tracing.ts) costs a call: the same GetItem through the real SDK
// client, its HTTP handler answering at once from memory (so the SDK's own work and the tracing
// middleware are all that is timed, not a network), plain, traced but not sampled (what most
// invocations are), and traced and sampled (a subsegment built and handed to the emitter, which here
// keeps it instead of sending the datagram).

const ANSWER = JSON.stringify({ Item: { pk: { S: 'case#1' }, sk: { S: 'status' }, version: { N: '3' } } });

const instantHandler = {
  handle: async () => ({
    response: {
      statusCode: 200,
      reason: 'OK',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench' },
      body: new Blob([ANSWER]).stream(),
    },
  }),
  updateHttpClientConfig: () => {},
  httpHandlerConfigs: () => ({}),
  destroy: () => {},
};

const client = () =>
  new DynamoDBClient({
    region: 'cn-north-1',
    endpoint: 'http://bench.invalid',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler: instantHandler as never,
  });

const timePerCall = async (c: DynamoDBClient, calls: number) => {
  const command = () => new GetItemCommand({ TableName: 'legal-aid-read-models', Key: { pk: { S: 'case#1' }, sk: { S: 'status' } } });
  for (let i = 0; i < 200; i++) await c.send(command());
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await c.send(command());
  return ((performance.now() - t0) * 1000) / calls;
};

/** Microseconds per call, median of `rounds`: plain, traced unsampled, traced sampled; and the subsegments the sampled run made. */
export const tracingPerCall = async (rounds = 6, calls = 2_000) => {
  const kept: Subsegment[] = [];
  const plain = client();
  const unsampled = traced(client(), (s) => kept.push(s));
  const sampled = traced(client(), (s) => kept.push(s));
  const samples = { plain: [] as number[], unsampled: [] as number[], sampled: [] as number[] };
  const header = process.env._X_AMZN_TRACE_ID;
  try {
    // Each round in another order, so warm-up and the machine's drift fall on every variant alike.
    const variants = [
      { name: 'plain', c: plain, sampled: '0' },
      { name: 'unsampled', c: unsampled, sampled: '0' },
      { name: 'sampled', c: sampled, sampled: '1' },
    ] as const;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(r + i) % variants.length]!;
        process.env._X_AMZN_TRACE_ID = `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=${v.sampled}`;
        samples[v.name].push(await timePerCall(v.c, calls));
      }
    }
  } finally {
    if (header === undefined) delete process.env._X_AMZN_TRACE_ID;
    else process.env._X_AMZN_TRACE_ID = header;
    for (const c of [plain, unsampled, sampled]) c.destroy();
  }
  // A sampled run that made no subsegment measured nothing: the figure would be the plain one.
  if (kept.length < rounds * calls) throw new Error(`the sampled client made ${kept.length} subsegments for ${rounds * calls} calls`);
  return {
    calls,
    rounds,
    plainUsPerCall: round(median(samples.plain), 1),
    tracedUnsampledUsPerCall: round(median(samples.unsampled), 1),
    tracedSampledUsPerCall: round(median(samples.sampled), 1),
  };
};
