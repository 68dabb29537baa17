// 6. Cold start: each Lambda entry of infra/definitions/functions.ts bundled with esbuild as CDK's
// NodejsFunction does it for this project (infra/constructs/handler-function.ts): bundle, ESM,
// platform node, target node24, minify, source map, mainFields module,main, the createRequire
// banner, and CDK's default externals for a Node 24 runtime (@aws-sdk/* and, with the
// sdkV3ExcludeSmithyPackages flag cdk.json sets, @smithy/*: Lambda's runtime provides them). Then
// its size, and its module initialisation (import of the bundle, handler built at module scope) in
// a fresh Node process, median of 10 — with NODE_OPTIONS=--enable-source-maps as deployed, and
// without. The externals load from node_modules here, as they would from the runtime's. And what
// X-Ray tracing costs (issue 21): each entry built a second time with functions/lib/tracing.ts
// replaced by an identity `traced`, its bytes and init beside the deployed bundle's, and the time
// the tracing middleware adds to an SDK call (bench/lib/tracing-cost.ts).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import type { BenchContext } from '../lib/context.ts';
import { median, round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { tracingPerCall } from '../lib/tracing-cost.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

/** The banner the CDK construct adds, read from it so the two cannot drift apart. */
const requireShim = (): string => {
  const source = readFileSync(join(root, 'infra/constructs/handler-function.ts'), 'utf8');
  const shim = /const REQUIRE_SHIM = (["'])(.+?)\1;/.exec(source)?.[2];
  if (!shim) throw new Error('REQUIRE_SHIM not found in infra/constructs/handler-function.ts');
  return shim;
};

/** CDK's default externals for a Node ≥18 runtime, with @smithy/* when cdk.json sets the flag. */
const cdkExternals = (): string[] => {
  const context = (JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
  return context['@aws-cdk/aws-lambda-nodejs:sdkV3ExcludeSmithyPackages'] === true ? ['@aws-sdk/*', '@smithy/*'] : ['@aws-sdk/*'];
};

// What the entries read at module scope; the values only have to be there (no network at init).
const lambdaEnv = {
  EVENTS_TABLE: 'legal-aid-events',
  READ_MODELS_TABLE: 'legal-aid-read-models',
  KEYS_TABLE: 'legal-aid-keys',
  ACCESS_RECORDS_TABLE: 'legal-aid-access-records',
  DATA_KEY_ARN: 'arn:aws-cn:kms:cn-north-1:000000000000:key/00000000-0000-0000-0000-000000000000',
  EVENT_BUS_NAME: 'legal-aid-bus',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/000000000000/stream-publisher-dlq',
  AWS_REGION: 'cn-north-1',
  // Set by Lambda; Powertools' tracer reads it to know it runs there (and so traces).
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

const HARNESS = `
const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(2); }
process.stdout.write(JSON.stringify({ initMs: t1 - t0, readyMs: t1 }));
`;

/** The bundle without X-Ray: tracing.ts resolved to a module whose `traced` hands the client back. */
const UNTRACED = 'export const traced = (client) => client;\n';
const withoutTracing: Plugin = {
  name: 'without-tracing',
  setup(b) {
    b.onResolve({ filter: /(^|\/)tracing\.ts$/ }, () => ({ path: 'untraced', namespace: 'untraced' }));
    b.onLoad({ filter: /.*/, namespace: 'untraced' }, () => ({ contents: UNTRACED, loader: 'js' }));
  },
};

/** Output bytes by package (or project folder), largest first. */
const heaviest = (metafile: Metafile, limit = 4) => {
  const by = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = m ? m[1]! : path.split('/')[0]!;
      by.set(key, (by.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, bytes]) => ({ where, bytes }));
};

/** The packages a bundle leaves to the runtime (the SDK), to time their import alone. */
const externalImports = (metafile: Metafile): string[] => {
  const paths = new Set<string>();
  for (const output of Object.values(metafile.outputs))
    for (const i of output.imports) if (i.external && !i.path.startsWith('node:') && i.path.includes('/')) paths.add(i.path);
  return [...paths].sort();
};

export const runColdStart = async (ctx: BenchContext) => {
  const runs = ctx.flags.coldStarts;
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  // The bundles live outside the work tree (lint would read them) but resolve the externals from it.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'harness.mjs'), HARNESS);
  const banner = requireShim();
  const external = cdkExternals();
  console.log(
    `\n[cold-start] ${functionDefinitions.length} bundles; externals ${external.join(', ')}; ${runs} fresh processes each, with and without --enable-source-maps`,
  );
  try {
    const bundles = [];
    const failed: { id: string; entry: string; error: string }[] = [];
    for (const def of functionDefinitions) {
      const outfile = join(dir, def.id, 'index.mjs');
      mkdirSync(join(dir, def.id));
      const t0 = performance.now();
      const options: BuildOptions & { metafile: true } = {
        entryPoints: [join(root, def.entry)],
        absWorkingDir: root,
        bundle: true,
        platform: 'node',
        target: 'node24',
        format: 'esm',
        minify: true,
        sourcemap: true,
        mainFields: ['module', 'main'],
        banner: { js: banner },
        external,
        outfile,
        metafile: true,
        logLevel: 'silent',
      };
      const out = await build(options).catch((error: unknown) => {
        failed.push({ id: def.id, entry: def.entry, error: (error as Error).message.split('\n').slice(0, 3).join(' ') });
        return null;
      });
      if (!out) continue;
      const untracedFile = join(dir, def.id, 'untraced.mjs');
      await build({ ...options, outfile: untracedFile, plugins: [withoutTracing] });
      const code = readFileSync(outfile);
      const externals = externalImports(out.metafile);
      const externalsFile = join(dir, def.id, 'externals.mjs');
      writeFileSync(
        externalsFile,
        `${externals.map((e) => `import ${JSON.stringify(e)};`).join('\n')}\nexport const handler = () => {};\n`,
      );
      bundles.push({
        id: def.id,
        entry: def.entry,
        outfile,
        buildMs: round(performance.now() - t0, 0),
        bytes: code.length,
        gzipBytes: gzipSync(code).length,
        sourceMapBytes: statSync(`${outfile}.map`).size,
        heaviest: heaviest(out.metafile),
        externals,
        externalsFile,
        untracedFile,
        untracedBytes: statSync(untracedFile).size,
      });
    }
    const samples = new Map<string, { initMs: number[]; readyMs: number[]; wallMs: number[] }>();
    for (let i = 0; i < runs; i++) {
      for (const b of bundles) {
        // As deployed (source maps on), without source maps, the SDK externals alone, and without tracing.
        for (const variant of ['maps', 'no-maps', 'externals', 'untraced'] as const) {
          const key = `${b.id}/${variant}`;
          const env = {
            PATH: process.env.PATH ?? '',
            ...lambdaEnv,
            ...(variant === 'maps' || variant === 'untraced' ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
          };
          const t0 = performance.now();
          const { stdout } = await run(
            process.execPath,
            [
              join(dir, 'harness.mjs'),
              { maps: b.outfile, 'no-maps': b.outfile, externals: b.externalsFile, untraced: b.untracedFile }[variant],
            ],
            { env, cwd: dir },
          );
          const wallMs = performance.now() - t0;
          const { initMs, readyMs } = JSON.parse(stdout) as { initMs: number; readyMs: number };
          const s = samples.get(key) ?? { initMs: [], readyMs: [], wallMs: [] };
          s.initMs.push(initMs);
          s.readyMs.push(readyMs);
          s.wallMs.push(wallMs);
          samples.set(key, s);
        }
      }
    }
    const rows = bundles.map((b) => {
      const withMaps = samples.get(`${b.id}/maps`)!;
      const without = samples.get(`${b.id}/no-maps`)!;
      const externalsOnly = samples.get(`${b.id}/externals`)!;
      const untraced = samples.get(`${b.id}/untraced`)!;
      const { outfile: _o, externalsFile: _e, untracedFile: _u, ...rest } = b;
      return {
        ...rest,
        initMsMedian: round(median(withMaps.initMs), 1),
        initMsMedianWithoutSourceMaps: round(median(without.initMs), 1),
        tracingBytes: b.bytes - b.untracedBytes,
        initMsMedianWithoutTracing: round(median(untraced.initMs), 1),
        externalsOnlyInitMsMedian: round(median(externalsOnly.initMs), 1),
        processReadyMsMedian: round(median(withMaps.readyMs), 1),
        processWallMsMedian: round(median(withMaps.wallMs), 1),
        initMsAll: withMaps.initMs.map((v) => round(v, 1)),
      };
    });
    printTable(
      `6. Cold start — esbuild as CDK's NodejsFunction; init = import of the bundle in a fresh Node ${process.version} (median of ${runs})`,
      [
        'function',
        'bytes',
        'gzip bytes',
        'map bytes',
        'init ms (maps, as deployed)',
        'init ms (no maps)',
        'SDK externals alone ms',
        'tracing bytes',
        'init ms without tracing',
        'process ready ms',
        'heaviest in bundle (bytes)',
      ],
      rows.map((r) => [
        r.id,
        r.bytes,
        r.gzipBytes,
        r.sourceMapBytes,
        r.initMsMedian,
        r.initMsMedianWithoutSourceMaps,
        r.externalsOnlyInitMsMedian,
        r.tracingBytes,
        r.initMsMedianWithoutTracing,
        r.processReadyMsMedian,
        r.heaviest.map((h) => `${h.where} ${h.bytes}`).join(', '),
      ]),
    );
    for (const f of failed) console.warn(`   ${f.id}: not measured, its entry does not build: ${f.error}`);
    const tracing = await tracingPerCall();
    console.log(
      `   X-Ray tracing per SDK call (GetItem, HTTP answered from memory, median of ${tracing.rounds} × ${tracing.calls}): ` +
        `plain ${tracing.plainUsPerCall} µs, traced unsampled ${tracing.tracedUnsampledUsPerCall} µs, traced sampled ${tracing.tracedSampledUsPerCall} µs`,
    );
    return {
      node: process.version,
      runs,
      externals: external,
      banner,
      env: Object.keys(lambdaEnv),
      bundles: rows,
      notBuilt: failed,
      tracing,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
