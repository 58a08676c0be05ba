import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './workspace.js';

export interface TempProject {
  dir: string;
  /** Copies a file of test/fixtures into the project. */
  add(fixture: string): void;
  /** Runs `node <file> ...args` in the project and parses the JSON it prints. */
  node(file: string, ...args: string[]): Promise<any>;
  remove(): void;
}

/**
 * A project in a temp folder that installs only `dependencies`, with pnpm from its store where it
 * can. Every published package resolves to its packed tarball (pnpm.overrides), dependencies of
 * dependencies too: they are not on the registry. `fromRegistry` adds third-party packages (name → range),
 * such as the optional peers a package's entries need.
 */
export async function installProject(
  dependencies: string[],
  tarballs: Record<string, string>,
  fromRegistry: Record<string, string> = {},
): Promise<TempProject> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-consumer-'));
  const fromTarball = (names: string[]) =>
    Object.fromEntries(names.map((name) => [name, `file:${tarballs[name]}`]));
  const manifest = {
    name: 'consumer',
    private: true,
    dependencies: { ...fromTarball(dependencies), ...fromRegistry },
    pnpm: { overrides: fromTarball(Object.keys(tarballs)) },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  // No lockfile here: CI's frozen-lockfile default does not apply.
  await run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=silent'], dir);
  return {
    dir,
    add: (fixture) => copyFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), join(dir, fixture)),
    node: async (file, ...args) => JSON.parse(await run(process.execPath, [file, ...args], dir)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
