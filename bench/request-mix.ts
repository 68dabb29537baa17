// Which DynamoDB requests a command costs, the pipeline included: `node bench/request-mix.ts`.
// Counts every send() of the SDK clients in one in-memory local stack while 20 cases live their
// 20 commands (8 clients), until the pipeline has settled.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { freePort } from '../infra/local/ports.ts';
import { devPrincipals } from '../infra/local/dev-issuer.ts';
import { createHttpClient } from './lib/http-client.ts';
import { lifecycle, runStep, registerLawyer } from './lib/case-lifecycle.ts';

const counts = new Map<string, number>();
for (const C of [DynamoDBClient, DynamoDBStreamsClient]) {
  const send = C.prototype.send;
  C.prototype.send = function (
    this: unknown,
    command: { constructor: { name: string }; input?: { TableName?: string } },
    ...rest: unknown[]
  ) {
    const k = `${command.constructor.name.replace('Command', '')} ${(command.input?.TableName ?? '').replace(/^local-/, '')}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return (send as (...args: unknown[]) => unknown).call(this, command, ...rest);
  } as typeof send;
}
const stack = await startLocalStack({ port: await freePort(), dataDir: null, logLevel: 'CRITICAL' });
const tokens: Record<string, string> = {};
for (const p of devPrincipals) tokens[p.sub] = await stack.issuer.mint(p);
const client = createHttpClient(stack.url, 8);
await registerLawyer(client, tokens);
await stack.settle();
const CASES = 20;
const snapshot = () => new Map(counts);
const diff = (a: Map<string, number>, b: Map<string, number>) =>
  [...b]
    .map(([k, v]) => [k, v - (a.get(k) ?? 0)] as const)
    .filter(([, v]) => v > 0)
    .sort((x, y) => y[1] - x[1]);
const before = snapshot();
const t0 = Date.now();
await Promise.all(
  Array.from({ length: CASES }, async () => {
    let caseId: string | null = null;
    for (let i = 0; i < lifecycle.length; i++) caseId = (await runStep(client, tokens, caseId, i)).caseId;
  }),
);
await stack.settle(60_000);
const after = snapshot();
const n = CASES * lifecycle.length;
console.log(`${n} commands in ${Date.now() - t0} ms; requests per command:`);
for (const [k, v] of diff(before, after)) console.log(`${(v / n).toFixed(2)}  ${k}  (${v})`);
await stack.stop();
