// `npm run redrive`: puts what the stack's dead-letter queues hold through again (scripts/redrive/redrive.ts).
//   npm run redrive -- --stage prod [--dry-run]        # a deployed stage: AWS credentials and region from the environment
//   npm run redrive                                    # the local stack `npm start` runs on .local/data
//   npm run redrive -- --data-dir /tmp/la-data --queue projection-case-status-dlq
//   npm run redrive -- --endpoint http://127.0.0.1:41234   # an --in-memory stack: its "local AWS APIs" line
// Exit code 0 when every message was redriven (or, with --dry-run, nothing failed), 1 when some stay
// in their queue (each is listed with why), 2 on a usage error.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectionNames } from '../events/routing.ts';
import { stackQueues } from '../infra/definitions/projection-delivery.ts';
import { ENDPOINTS_FILE, type LocalEndpoints } from '../infra/local/endpoints-file.ts';
import { stackNameFor } from '../infra/stack.ts';
import { redrive, type RedriveReport } from './redrive/redrive.ts';
import { localTarget, stackTarget, type RedriveTarget } from './redrive/targets.ts';

const usage =
  'usage: npm run redrive -- [--stage <stage> | --data-dir .local/data | --endpoint <local AWS APIs URL>] [--queue <name>]... [--dry-run]';
const deadLetterQueueNames = stackQueues(projectionNames)
  .filter((q) => q.role.kind !== 'projection-source')
  .map((q) => q.name);

const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};

export const printReport = (report: RedriveReport) => {
  console.log(`${report.dryRun ? 'dry run: nothing changed; ' : ''}${report.target}`);
  for (const q of report.queues) {
    console.log(`${q.queue.padEnd(36)} ${q.found} found, ${q.redriven} redriven, ${q.kept.length} kept`);
    for (const note of q.notes) console.log(`  ${note}`);
    for (const k of q.kept) console.log(`  kept ${k.messageId}: ${k.reason}`);
  }
};

const main = async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        stage: { type: 'string' },
        'data-dir': { type: 'string', default: '.local/data' },
        endpoint: { type: 'string' },
        queue: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
  if (args.help) {
    console.log(`${usage}\nqueues: ${deadLetterQueueNames.join(', ')}`);
    return;
  }
  const unknown = (args.queue ?? []).filter((q) => !deadLetterQueueNames.includes(q));
  if (unknown.length > 0) fail(`no dead-letter queue ${unknown.join(', ')}; the stack has ${deadLetterQueueNames.join(', ')}`);
  if (args.stage && args.endpoint) fail('--stage and --endpoint exclude each other');

  let target: RedriveTarget;
  if (args.stage) target = await stackTarget(args.stage, stackNameFor(args.stage));
  else {
    // The running stack wrote where it listens into its data directory; --endpoint overrides it.
    let endpoints: LocalEndpoints | null = null;
    const file = join(resolve(args['data-dir']), ENDPOINTS_FILE);
    if (existsSync(file)) endpoints = JSON.parse(readFileSync(file, 'utf8')) as LocalEndpoints;
    const endpoint =
      args.endpoint ??
      endpoints?.awsEmulator ??
      fail(`no running stack found: ${file} does not exist (start one with npm start, or pass --endpoint)`);
    target = localTarget({
      endpoint,
      ...(endpoints && !args.endpoint
        ? { dynamodb: endpoints.dynamodb, eventsTable: endpoints.eventsTable, busName: endpoints.busName }
        : {}),
    });
  }
  try {
    const report = await redrive(target, { ...(args.queue ? { queues: args.queue } : {}), dryRun: args['dry-run'] });
    printReport(report);
    process.exitCode = report.kept > 0 ? 1 : 0;
  } finally {
    target.destroy();
  }
};

main().catch((error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') console.error('The local stack is not answering at that endpoint: is npm start running?');
  else console.error('The redrive failed:', error);
  process.exit(1);
});
