// The importer's progress on stderr: a bar redrawn in place on a terminal, one plain line every few
// seconds when stderr is a file or a pipe (a log should not fill with carriage returns). Formatting
// is pure (now is passed in); only the reporter reads its clock, which a test replaces.

export type ProgressCounts = {
  /** How far the reader has got in the file; it runs ahead of the lines done by the few it holds. */
  bytesRead: number;
  totalBytes: number;
  /** Lines done (accepted, rejected or skipped). */
  lines: number;
  accepted: number;
  rejected: number;
};

export type ProgressView = { percent: number; linesPerSecond: number; secondsLeft: number | null };

/** The figures shown: share of the file read, lines a second so far, and time left at the rate the file has been read. */
export const progressView = (counts: ProgressCounts, startedAt: number, now: number): ProgressView => {
  const seconds = Math.max(0, now - startedAt) / 1000;
  const share = counts.totalBytes > 0 ? Math.min(1, counts.bytesRead / counts.totalBytes) : 1;
  const bytesPerSecond = seconds > 0 ? counts.bytesRead / seconds : 0;
  return {
    percent: Math.floor(share * 100),
    linesPerSecond: seconds > 0 ? counts.lines / seconds : 0,
    secondsLeft: bytesPerSecond > 0 ? Math.max(0, counts.totalBytes - counts.bytesRead) / bytesPerSecond : null,
  };
};

/** 42s, 3m 05s, 1h 02m. */
export const formatDuration = (seconds: number): string => {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
};

const count = (n: number) => n.toLocaleString('en-US');

const figures = (counts: ProgressCounts, view: ProgressView) => {
  const left = view.secondsLeft === null ? 'time left unknown' : `${formatDuration(view.secondsLeft)} left`;
  return `${count(counts.lines)} lines, ${count(Math.round(view.linesPerSecond))} lines/s, ${count(counts.accepted)} accepted, ${count(counts.rejected)} rejected, ${left}`;
};

/** The line a log gets: `import 42% (12,345 lines, 1,234 lines/s, 12,000 accepted, 345 rejected, 2m 05s left)`. */
export const formatProgressLine = (counts: ProgressCounts, startedAt: number, now: number): string => {
  const view = progressView(counts, startedAt, now);
  return `import ${view.percent}% (${figures(counts, view)})`;
};

/** The bar a terminal gets, fitted to `columns`: `[#####.....] 42% 12,345 lines, …`. */
export const formatProgressBar = (counts: ProgressCounts, startedAt: number, now: number, columns: number): string => {
  const view = progressView(counts, startedAt, now);
  const text = ` ${String(view.percent).padStart(3)}% ${figures(counts, view)}`;
  const width = Math.max(10, Math.min(40, columns - text.length - 3));
  const filled = Math.floor((view.percent / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${text}`;
};

export type ProgressOut = { isTTY?: boolean; columns?: number; write: (text: string) => unknown };

export type ProgressReporter = { update: (counts: ProgressCounts) => void; finish: (counts: ProgressCounts) => void };

export const progressReporter = (
  out: ProgressOut = process.stderr,
  options: { clock?: () => number; redrawEveryMs?: number; plainEveryMs?: number } = {},
): ProgressReporter => {
  const clock = options.clock ?? Date.now;
  const tty = out.isTTY === true;
  const every = tty ? (options.redrawEveryMs ?? 100) : (options.plainEveryMs ?? 5000);
  const startedAt = clock();
  let last = startedAt;
  const draw = (counts: ProgressCounts, now: number, end: boolean) => {
    if (tty) out.write(`\r${formatProgressBar(counts, startedAt, now, out.columns ?? 80)}\x1b[K${end ? '\n' : ''}`);
    else out.write(`${formatProgressLine(counts, startedAt, now)}\n`);
  };
  return {
    update: (counts) => {
      const now = clock();
      if (now - last < every) return;
      last = now;
      draw(counts, now, false);
    },
    finish: (counts) => draw(counts, clock(), true),
  };
};
