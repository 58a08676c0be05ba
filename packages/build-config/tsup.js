import { defineConfig } from 'tsup';

/** The one build every published package uses: ESM only, with types, for Node 20.19+. */
export function packageBuild(entry = ['src/index.ts'], overrides = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    // Several entries share one copy of each class (instanceof holds across them).
    splitting: entry.length > 1,
    treeshake: true,
    ...overrides,
  });
}
