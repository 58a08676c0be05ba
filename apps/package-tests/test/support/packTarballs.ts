import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { publishedPackages, run } from './workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Package name → its packed tarball, for every published package. */
    tarballs: Record<string, string>;
  }
}

/** Packs every published package (as `pnpm publish` would: workspace and catalog ranges resolved) into a temp folder. */
export default async function packTarballs(project: TestProject): Promise<() => void> {
  const destination = mkdtempSync(join(tmpdir(), 'mcp-tarballs-'));
  const packed = await Promise.all(
    publishedPackages().map(async (pkg) => {
      const out = await run(
        'pnpm',
        ['pack', '--json', '--pack-destination', destination],
        fileURLToPath(pkg.dir),
      );
      return [pkg.name, (JSON.parse(out) as { filename: string }).filename] as const;
    }),
  );
  project.provide('tarballs', Object.fromEntries(packed));
  return () => rmSync(destination, { recursive: true, force: true });
}
