import { defineConfig } from 'vitest/config';
import HeavyFirstSequencer from './test/support/heavy-first-sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; each test file makes its own tables under a unique prefix.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Three files at a time on this 2-core machine. Vitest's default outside watch mode is
    // availableParallelism() - 1, one worker here, so the suite ran file after file; most files wait
    // on DynamoDB Local (its own JVM process) and their local stack rather than compute in the
    // worker, so extra workers use the time they wait. Measured on the whole suite: 2 workers 458 s,
    // 3 workers 383 s, with the same 1,531 tests passing.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { concurrent: false, sequencer: HeavyFirstSequencer },
  },
});
