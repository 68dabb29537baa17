// `npm start`: the whole system on this machine. `npm start -- --port 3100 --in-memory` for a
// throwaway stack on another port.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { maxTokenAgeSeconds } from '../definitions/auth.ts';
import { devPrincipals } from './dev-issuer.ts';
import { LOCAL_HEALTH_PATH } from './local-paths.ts';
import { JavaMissingError } from './dynamodb-local.ts';
import { MasterKeyError } from './local-keys.ts';
import { startLocalStack } from './local-stack.ts';
import { PortInUseError } from './ports.ts';

const usage = 'usage: npm start -- [--port 3000] [--in-memory] [--data-dir .local/data] [--max-token-age-hours 24]';

const main = async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '3000' },
        'in-memory': { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: '.local/data' },
        'max-token-age-hours': { type: 'string', default: String(maxTokenAgeSeconds / 3600) },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`--port takes a port number from 1 to 65535, not ${args.port}`);
    process.exit(2);
  }
  const maxTokenAgeHours = Number(args['max-token-age-hours']);
  if (!(maxTokenAgeHours > 0) || !Number.isFinite(maxTokenAgeHours)) {
    console.error(`--max-token-age-hours takes a positive number of hours, not ${args['max-token-age-hours']}`);
    process.exit(2);
  }
  const dataDir = args['in-memory'] ? null : resolve(args['data-dir']);
  console.log('Starting the legal-aid case backend locally…');
  const stack = await startLocalStack({
    port,
    dataDir,
    maxTokenAgeSeconds: Math.round(maxTokenAgeHours * 3600),
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
  });
  const seeded = stack.seeded;
  if (stack.issuer.replacedKey) {
    console.log(
      "The dev issuer's key file was of an older format (not RS256 with a kid) and has been replaced: tokens printed before no longer work.",
    );
  }

  console.log(`
  API               ${stack.url}   (local stack readiness: ${stack.url}${LOCAL_HEALTH_PATH})
  DynamoDB Local    ${stack.dynamoEndpoint}   tables: ${stack.eventsTable}, ${stack.readModelsTable}
  data              ${dataDir ?? 'in memory (gone when you stop)'}
  stream poller     ${stack.eventsTable} stream → stream publisher → local bus ${stack.bus.busName}
  local AWS APIs    ${stack.emulator.endpoint}   (EventBridge PutEvents, SQS: the projections' queues and the dead-letter queues)
  token issuer      ${stack.issuer.issuer}   (${stack.url}/.well-known/openid-configuration, RS256)
  registry          ${seeded.loaded.organisations.size} organisations (${seeded.appended} seed commands appended now, ${seeded.skipped} already there)

Development tokens (Authorization: Bearer <token>), valid for ${maxTokenAgeHours} h:`);
  for (const p of devPrincipals) {
    console.log(`  ${p.role.padEnd(17)} ${p.org.padEnd(24)} ${await stack.issuer.mint(p)}`);
  }
  console.log(`
Try:
  TOKEN=<the agency-reviewer token above>
  curl -s -X POST ${stack.url}/applications -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -H 'idempotency-key: first-application-0001' -d @examples/application.json
  curl -s ${stack.url}/cases/<caseId> -H "authorization: Bearer $TOKEN"

Ctrl-C stops everything.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || error instanceof JavaMissingError || error instanceof MasterKeyError) console.error(error.message);
  else console.error('The local stack could not start:', error);
  process.exit(1);
});
