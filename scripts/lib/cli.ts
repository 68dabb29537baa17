import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../infra/local/dynamodb-local.ts';
import { LOCAL_HEALTH_PATH } from '../../infra/local/local-paths.ts';

// What the command-line tools share: how they reach DynamoDB (AWS, an endpoint, or the local stack
// that answers at --local-api), how they read whole-number options, and how they end.

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The DynamoDB endpoint the local stack at `localApi` reports on its own readiness path. */
const localEndpoint = async (localApi: string): Promise<string> => {
  try {
    const res = await fetch(new URL(LOCAL_HEALTH_PATH, localApi), { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { components?: { dynamodb?: unknown }; dynamodb?: unknown };
    const endpoint = body.components?.dynamodb ?? body.dynamodb;
    if (typeof endpoint === 'string' && endpoint) return endpoint;
  } catch {
    // explained below
  }
  throw new UsageError(
    `no --endpoint given and no local stack answered at ${localApi}: start one with npm start, or pass --endpoint <the DynamoDB Local URL npm start prints>`,
  );
};

/** AWS itself (credentials and region from the environment), or --endpoint, $DYNAMODB_ENDPOINT, or the local stack's. */
export const dynamoClientOf = async (o: {
  aws: boolean;
  region?: string | undefined;
  endpoint?: string | undefined;
  localApi?: string | undefined;
}): Promise<DynamoDBClient> => {
  if (o.aws) return new DynamoDBClient(o.region ? { region: o.region } : {});
  return localDynamoClient(o.endpoint ?? (process.env.DYNAMODB_ENDPOINT || (await localEndpoint(o.localApi ?? 'http://127.0.0.1:3000'))));
};

/** `--name <n>`: a whole number from 1 to `max`, or `fallback` when absent. */
export const wholeNumber = (raw: string | undefined, name: string, fallback: number, max: number): number => {
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} takes a whole number from 1 to ${max}`);
  return n;
};

/** Runs the tool: its exit code, or 2 after printing what went wrong (with the usage for a usage error). */
export const runCli = (main: () => Promise<number>, usage: string, explain: (error: Error) => string) =>
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const e = error as Error & { code?: string };
      console.error(error instanceof UsageError || e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `${e.message}\n\n${usage}` : explain(e));
      process.exitCode = 2;
    },
  );
