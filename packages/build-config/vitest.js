import { defineConfig } from 'vitest/config';

/** The one test setup every package uses: real processes and sockets, so generous hook timeouts. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    restoreMocks: true,
    unstubEnvs: true,
  },
});
