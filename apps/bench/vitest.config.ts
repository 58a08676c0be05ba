import { defineConfig } from 'vitest/config';

/** One smoke test that starts real servers and subprocesses: generous timeouts, no speed assertion. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
