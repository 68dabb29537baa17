import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// X-Ray wiring of the functions' AWS SDK clients (functions/lib/tracing.ts). The tracer decides at
// construction whether it runs in Lambda, so each case is a fresh Node process with its own environment.

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');

/** The middleware names of the events-table client an entry builds, in a process with `env`. */
const middlewaresOf = async (env: Record<string, string>) => {
  const probe = `import { dynamoFromEnv } from ${JSON.stringify(join(root, 'functions/lib/aws-clients.ts'))};
process.stdout.write(JSON.stringify(dynamoFromEnv().middlewareStack.identify()));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'cn-north-1', ...env },
    cwd: root,
  });
  return JSON.parse(stdout) as string[];
};
const xray = (names: string[]) => names.filter((n) => n.startsWith('XRaySDKInstrumentation'));

describe('tracing of AWS SDK calls', () => {
  it('adds the X-Ray middleware to the DynamoDB client in Lambda, and nothing outside it', async () => {
    expect(xray(await middlewaresOf({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' }))).toHaveLength(1);
    expect(xray(await middlewaresOf({}))).toEqual([]);
    // Switched off by Powertools' own variable, as an operator would.
    expect(xray(await middlewaresOf({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACE_ENABLED: 'false' }))).toEqual([]);
  }, 30_000);

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
