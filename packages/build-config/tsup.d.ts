import type { Options } from 'tsup';
export declare function packageBuild(
  entry?: string[],
  overrides?: Options,
): ReturnType<typeof import('tsup').defineConfig>;
