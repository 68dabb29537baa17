import type { LineOutcome } from '../../functions/lib/import/line-outcome.ts';

/**
 * A progress line on stderr (when it is a terminal, else every thousand lines): lines done, the rate,
 * and what has been refused so far. Lane "io" brings the bar with time left (it knows the file's size).
 */
export const progressReporter = (out: NodeJS.WriteStream = process.stderr) => {
  const started = Date.now();
  let done = 0;
  let refused = 0;
  const line = () => {
    const seconds = (Date.now() - started) / 1000;
    return `${done} lines, ${refused} rejected or skipped, ${seconds > 0 ? Math.round(done / seconds) : 0} lines/s`;
  };
  return {
    onOutcome: (o: LineOutcome) => {
      done++;
      if (o.status === 'rejected' || o.status === 'skipped') refused++;
      if (out.isTTY) {
        if (done % 50 === 0) out.write(`\r${line()}`);
      } else if (done % 1000 === 0) out.write(`${line()}\n`);
    },
    end: () => {
      if (out.isTTY) out.write(`\r${line()}\n`);
    },
  };
};
