import { defineConfig } from 'tsup';

// Two builds: the server (Node, the stack left to node_modules) and the page (one browser script with
// everything in it, ext-apps' bridge included, so the console needs no CDN and works offline).
export default defineConfig([
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
  },
  {
    entry: { app: 'src/page/main.ts' },
    outDir: 'dist/page',
    format: ['iife'],
    target: 'es2022',
    platform: 'browser',
    noExternal: [/.*/],
    minify: true,
    sourcemap: false,
    outExtension: () => ({ js: '.js' }),
    publicDir: 'src/page/public',
  },
]);
