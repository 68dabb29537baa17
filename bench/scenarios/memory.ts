// 7. Peak memory of the local stack's Node process during 4 (projection lag): its RSS sampled from
// outside every 100 ms (/proc), and what the process reports of itself (maxRSS, peak heap).
// Runs the lag scenario first if this invocation has not.
import type { BenchContext } from '../lib/context.ts';
import { printTable } from '../lib/table.ts';
import { runProjectionLag } from './projection-lag.ts';

const mib = (bytes: unknown) => (typeof bytes === 'number' ? Math.round((bytes / 2 ** 20) * 10) / 10 : null);

export const runMemory = async (ctx: BenchContext) => {
  const lag =
    (ctx.results.lag as Awaited<ReturnType<typeof runProjectionLag>> | undefined) ?? (ctx.results.lag = await runProjectionLag(ctx));
  const m = lag.memory;
  const result = {
    during: `projection lag: ${lag.targetRate} commands/s for ${lag.seconds} s`,
    rssAfterStartMiB: mib(m.rssAfterStartBytes),
    rssBeforeLoadMiB: mib(m.rssBeforeLoadBytes),
    peakRssDuringLoadMiB: mib(m.peakRssDuringLoadBytes),
    maxRssLifetimeMiB: mib(m.maxRssLifetimeBytes),
    peakHeapUsedMiB: mib(m.peakHeapUsedBytes),
    rssSamples: m.rssSamples,
  };
  printTable(
    `7. Peak memory of the local stack process (child Node process) during ${result.during}`,
    ['RSS after start MiB', 'RSS before load MiB', 'peak RSS in load MiB', 'maxRSS (lifetime) MiB', 'peak heap used MiB', 'samples'],
    [
      [
        result.rssAfterStartMiB,
        result.rssBeforeLoadMiB,
        result.peakRssDuringLoadMiB,
        result.maxRssLifetimeMiB,
        result.peakHeapUsedMiB,
        result.rssSamples,
      ],
    ],
  );
  return result;
};
