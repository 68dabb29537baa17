import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; each test file makes its own tables under a unique prefix.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two files at a time. Vitest's default outside watch mode is availableParallelism() - 1, one
    // worker on this 2-core machine, so the suite ran file after file; most files wait on DynamoDB
    // Local and their local stack rather than compute, so a second worker uses the time they wait.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { concurrent: false },
  },
});
