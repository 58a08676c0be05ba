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
    // expect.poll waits on real processes and sockets: its default 1 s fails on a loaded 2-core CI machine.
    expect: { poll: { timeout: 30_000 } },
  },
});
