import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { APP_DIR, suiteNode } from './paths.js';

/** The pinned suite versions, each installed as the npm alias `conformance-<version>`. */
export const SUITE_VERSIONS = ['0.1.16', '0.2.0-alpha.12'] as const;

export interface Suite {
  version: string;
  /** dist/index.js of the installed package. */
  entry: string;
}

export function suite(version: string): Suite {
  if (!(SUITE_VERSIONS as readonly string[]).includes(version)) {
    throw new Error(`unknown suite ${version}; pinned: ${SUITE_VERSIONS.join(', ')}`);
  }
  return { version, entry: join(APP_DIR, 'node_modules', `conformance-${version}`, 'dist', 'index.js') };
}

/** Every client scenario the suite lists (`list --client` prints `  - name [revisions]`). */
export function listClientScenarios(s: Suite): string[] {
  const out = execFileSync(suiteNode(), [s.entry, 'list', '--client'], { encoding: 'utf8', timeout: 30_000 });
  const names = [...out.matchAll(/^\s+- (\S+)/gm)].map((match) => match[1]!);
  if (names.length === 0) throw new Error(`suite ${s.version} listed no client scenario:\n${out}`);
  return names;
}
