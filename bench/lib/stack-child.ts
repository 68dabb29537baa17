// The local stack in a process of its own (forked by stack-process.ts), so the bench's client work
// does not count against it and its memory can be sampled alone. It talks to the parent over IPC:
// `ready` with the URL, tables and a token per dev principal; on `stop`, its peak memory.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startLocalStack } from '../../infra/local/local-stack.ts';
import { devPrincipals } from '../../infra/local/dev-issuer.ts';
import { freePort } from '../../infra/local/ports.ts';

/** `dataDir`: where the stack keeps its master key (the importer reads it there); none by default. */
export type ChildOptions = { dynamoEndpoint: string; tablePrefix: string; pipeline: boolean; dataDir?: string };
/** `tokens`: a bearer token per dev principal, by its `sub`. */
export type ChildReady = {
  type: 'ready';
  url: string;
  eventsTable: string;
  keysTable: string;
  readModelsTable: string;
  tokens: Record<string, string>;
};
export type ChildStopped = {
  type: 'stopped';
  maxRssBytes: number;
  peakHeapUsedBytes: number;
  peakRssSelfBytes: number;
  poller: { batches: number; records: number };
  bus: unknown;
};

const send = (message: unknown) => process.send?.(message);

const main = async () => {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const stack = await startLocalStack({
    port: await freePort(),
    dataDir: options.dataDir ?? null,
    dynamoEndpoint: options.dynamoEndpoint,
    tablePrefix: options.tablePrefix,
    logLevel: 'ERROR',
  });
  // The command-path measurement pauses the stream poller, so only the request path runs here.
  if (!options.pipeline) await stack.poller.stop();
  let peakHeapUsedBytes = 0;
  let peakRssSelfBytes = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, m.heapUsed);
    peakRssSelfBytes = Math.max(peakRssSelfBytes, m.rss);
  }, 100);
  const tokens = Object.fromEntries(await Promise.all(devPrincipals.map(async (p) => [p.sub, await stack.issuer.mint(p)] as const)));
  // A CPU profile of a window the parent chooses (the measured load, not the start-up).
  let session: Session | null = null;
  process.on('message', (message: { type: string; file?: string }) => {
    if (message.type === 'profile-start') {
      void (async () => {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 });
        await session.post('Profiler.start');
        send({ type: 'profile-started' });
      })();
      return;
    }
    if (message.type === 'profile-stop' && session) {
      void (async () => {
        const { profile } = await session!.post('Profiler.stop');
        session!.disconnect();
        session = null;
        writeFileSync(message.file!, JSON.stringify(profile));
        send({ type: 'profile-stopped' });
      })();
      return;
    }
    if (message.type !== 'stop') return;
    void (async () => {
      clearInterval(sampler);
      const poller = { batches: stack.poller.stats.batches, records: stack.poller.stats.records };
      const bus = stack.bus.stats;
      await stack.stop();
      const stopped: ChildStopped = {
        type: 'stopped',
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        peakHeapUsedBytes,
        peakRssSelfBytes,
        poller,
        bus,
      };
      send(stopped);
      process.disconnect?.();
      setTimeout(() => process.exit(0), 50);
    })();
  });
  const ready: ChildReady = {
    type: 'ready',
    url: stack.url,
    eventsTable: stack.eventsTable,
    keysTable: stack.keysTable,
    readModelsTable: stack.readModelsTable,
    tokens,
  };
  send(ready);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
