// `npm run redrive`: puts what the running local stack dead-lettered back through the bus.
//   npm run redrive                                  # the stack `npm start` runs on .local/data
//   npm run redrive -- --data-dir /tmp/la-data --queue projection-case-status-dlq
//   npm run redrive -- --endpoint http://127.0.0.1:41234   # an --in-memory stack: its "local AWS APIs" line
// Exit code 0 when every message was redriven, 1 when some stay in their queue (each is listed with
// why), 2 on a usage error.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localDynamoClient } from '../infra/local/dynamodb-local.ts';
import { ENDPOINTS_FILE, type LocalEndpoints } from '../infra/local/endpoints-file.ts';
import { deadLetterQueues, redrive } from '../infra/local/redrive.ts';

const usage = 'usage: npm run redrive -- [--data-dir .local/data | --endpoint <local AWS APIs URL>] [--queue <name>]...';

const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};

const main = async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string', default: '.local/data' },
        endpoint: { type: 'string' },
        queue: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
  if (args.help) {
    console.log(`${usage}\nqueues: ${deadLetterQueues().join(', ')}`);
    return;
  }
  const queues = args.queue ?? deadLetterQueues();
  const unknown = queues.filter((q) => !deadLetterQueues().includes(q));
  if (unknown.length > 0) fail(`no dead-letter queue ${unknown.join(', ')}; the stack has ${deadLetterQueues().join(', ')}`);

  // The running stack wrote where it listens into its data directory; --endpoint overrides it.
  let endpoints: LocalEndpoints | null = null;
  const file = join(resolve(args['data-dir']), ENDPOINTS_FILE);
  if (existsSync(file)) endpoints = JSON.parse(readFileSync(file, 'utf8')) as LocalEndpoints;
  const endpoint = args.endpoint ?? endpoints?.awsEmulator ?? fail(`no running stack found: ${file} does not exist (start one with npm start, or pass --endpoint)`);
  const dynamo = endpoints && !args.endpoint ? localDynamoClient(endpoints.dynamodb) : null;

  try {
    const report = await redrive({
      endpoint,
      queues,
      ...(dynamo && endpoints ? { events: { client: dynamo, tableName: endpoints.eventsTable }, busName: endpoints.busName } : {}),
    });
    for (const q of report.queues) {
      console.log(`${q.queue.padEnd(32)} ${q.redriven} redriven, ${q.kept.length} kept`);
      for (const k of q.kept) console.log(`  kept ${k.messageId}: ${k.reason}`);
    }
    process.exitCode = report.kept > 0 ? 1 : 0;
  } finally {
    dynamo?.destroy();
  }
};

main().catch((error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') console.error('The local stack is not answering at that endpoint: is npm start running?');
  else console.error('The redrive failed:', error);
  process.exit(1);
});
