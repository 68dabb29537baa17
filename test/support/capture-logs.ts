// Captures what this process writes to stdout and stderr: the Powertools loggers of an in-process
// local stack write their JSON lines there (through their own Console on process.stdout/stderr).
// While capturing, nothing is passed through, so a DEBUG-level run does not flood the test output.

export type LogRecord = Record<string, unknown> & { level?: string; message?: string };

export const captureOutput = () => {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  const text = () => chunks.join('');
  return {
    /** Everything written so far, as one string. */
    text,
    /** The JSON log lines written so far. */
    records: (): LogRecord[] =>
      text()
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as LogRecord];
          } catch {
            return [];
          }
        }),
    clear: () => {
      chunks.length = 0;
    },
    restore: () => {
      streams.forEach((s, i) => {
        s.write = originals[i]!;
      });
    },
  };
};

export type CapturedOutput = ReturnType<typeof captureOutput>;
