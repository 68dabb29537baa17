import { appendFileSync, writeFileSync } from 'node:fs';

// The importer's memory over time, for the bench and for finding what grows (bench/README.md
// section 8): with IMPORT_MEMORY_LOG=<file>, one JSON line a second of process.memoryUsage() in MiB
// and the lines done so far. Off unless asked for.

const MiB = 1024 * 1024;

export const startMemoryLog = (path: string | undefined, linesDone: () => number, everyMs = 1000): (() => void) => {
  if (!path) return () => {};
  writeFileSync(path, '');
  const started = Date.now();
  const sample = () => {
    const m = process.memoryUsage();
    const mib = (n: number) => Math.round((n / MiB) * 10) / 10;
    appendFileSync(
      path,
      `${JSON.stringify({
        seconds: Math.round((Date.now() - started) / 100) / 10,
        lines: linesDone(),
        rss: mib(m.rss),
        heapTotal: mib(m.heapTotal),
        heapUsed: mib(m.heapUsed),
        external: mib(m.external),
        arrayBuffers: mib(m.arrayBuffers),
      })}\n`,
    );
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sample();
  };
};
