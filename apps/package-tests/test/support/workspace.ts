import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/** The workspace root, where packages/ and apps/ are. */
export const WORKSPACE = new URL('../../../../', import.meta.url);

export interface WorkspacePackage {
  name: string;
  private: boolean;
  /** The package's folder, with a trailing slash. */
  dir: URL;
  manifest: Record<string, any>;
}

/** Every package of the workspace, from packages/ and apps/. */
export function workspacePackages(): WorkspacePackage[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(new URL(`${group}/`, WORKSPACE)).map((folder) => {
      const dir = new URL(`${group}/${folder}/`, WORKSPACE);
      const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
      return { name: manifest.name, private: manifest.private === true, dir, manifest };
    }),
  );
}

/** The packages users install: every one not marked private. */
export function publishedPackages(): WorkspacePackage[] {
  return workspacePackages().filter((pkg) => !pkg.private);
}

const execFileAsync = promisify(execFile);
// pnpm's bin shims (vitest's too) point NODE_PATH at the workspace's packages: a temp project must
// resolve only what it installed itself.
const { NODE_PATH: _, ...env } = process.env;

/** Runs a command to its end; rejects with its output when it fails. */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`, {
      cause: error,
    });
  }
}
