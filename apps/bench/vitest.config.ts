import { defineConfig } from 'vitest/config';

/** Smoke tests that run the bench (--quick: about a minute alone) against real servers: generous timeouts, no speed assertion. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    pool: 'forks',
  },
});
