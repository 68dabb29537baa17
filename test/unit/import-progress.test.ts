import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatProgressBar,
  formatProgressLine,
  progressReporter,
  progressView,
  type ProgressCounts,
} from '../../scripts/import/progress.ts';

const counts = (over: Partial<ProgressCounts> = {}): ProgressCounts => ({
  bytesRead: 250_000,
  totalBytes: 1_000_000,
  lines: 5_000,
  accepted: 4_900,
  rejected: 100,
  ...over,
});

describe('import progress', () => {
  it('works out the share read, the line rate and the time left from the counts and the time passed', () => {
    // A quarter of the file in 10 s: 500 lines a second, and three quarters left at the same rate.
    expect(progressView(counts(), 1_000, 11_000)).toEqual({ percent: 25, linesPerSecond: 500, secondsLeft: 30 });
  });

  it('has no rate and no time left before any time has passed or any byte is read', () => {
    expect(progressView(counts(), 5_000, 5_000)).toMatchObject({ linesPerSecond: 0, secondsLeft: null });
    expect(progressView(counts({ bytesRead: 0 }), 0, 5_000)).toMatchObject({ percent: 0, secondsLeft: null });
    expect(progressView(counts({ totalBytes: 0, bytesRead: 0 }), 0, 5_000)).toMatchObject({ percent: 100 });
  });

  it.each([
    [42, '42s'],
    [125, '2m 05s'],
    [3_725, '1h 02m'],
    [0.2, '1s'],
  ])('writes %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('writes a plain line with the figures', () => {
    expect(formatProgressLine(counts({ lines: 12_345, accepted: 12_000, rejected: 345 }), 0, 10_000)).toBe(
      'import 25% (12,345 lines, 1,235 lines/s, 12,000 accepted, 345 rejected, 30s left)',
    );
  });

  it('fits the bar to the terminal and fills it by the share read', () => {
    for (const columns of [60, 100, 200]) {
      const bar = formatProgressBar(counts({ bytesRead: 500_000 }), 0, 10_000, columns);
      const [, inside] = /^\[([#.]+)\]/.exec(bar)!;
      expect(inside!.length).toBeGreaterThanOrEqual(10);
      expect(inside!.length).toBeLessThanOrEqual(40);
      expect(inside!.split('').filter((c) => c === '#').length).toBe(Math.floor(inside!.length / 2));
      if (columns >= 100) expect(bar.length).toBeLessThanOrEqual(columns);
    }
  });

  it('writes a plain line every few seconds when not on a terminal, and one at the end', () => {
    let now = 0;
    const written: string[] = [];
    const reporter = progressReporter({ isTTY: false, write: (t) => written.push(t) }, { clock: () => now, plainEveryMs: 5_000 });
    for (now = 0; now <= 12_000; now += 1_000) reporter.update(counts());
    expect(written).toHaveLength(2);
    reporter.finish(counts({ bytesRead: 1_000_000 }));
    expect(written).toHaveLength(3);
    expect(written.every((t) => t.endsWith('\n') && !t.includes('\r'))).toBe(true);
    expect(written[2]).toContain('import 100%');
  });

  it('redraws the bar in place on a terminal and ends it with a new line', () => {
    let now = 0;
    const written: string[] = [];
    const reporter = progressReporter(
      { isTTY: true, columns: 100, write: (t) => written.push(t) },
      { clock: () => now, redrawEveryMs: 100 },
    );
    for (now = 0; now <= 1_000; now += 50) reporter.update(counts());
    expect(written).toHaveLength(10);
    expect(written.every((t) => t.startsWith('\r[') && !t.endsWith('\n'))).toBe(true);
    reporter.finish(counts());
    expect(written.at(-1)).toMatch(/^\r\[.*\n$/s);
  });
});
