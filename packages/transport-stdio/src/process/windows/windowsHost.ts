import { statSync } from 'node:fs';

/** What resolving a command on Windows reads from the host; tests give a simulated one. */
export interface WindowsHost {
  platform: NodeJS.Platform;
  /** The environment the command is looked up in: the child's (PATH, PATHEXT, ComSpec; any letter case). */
  env: Record<string, string | undefined>;
  /** The folder a relative command starts in. */
  cwd: string;
  isFile(path: string): boolean;
}

/** The real host, with the child's environment. */
export function currentHost(env: Record<string, string | undefined>, cwd: string | undefined): WindowsHost {
  return { platform: process.platform, env, cwd: cwd ?? process.cwd(), isFile };
}

/** A variable of a Windows environment, whose names are case-insensitive (`Path`, `PATHEXT`, `ComSpec`). */
export function windowsVariable(env: Record<string, string | undefined>, name: string): string | undefined {
  const upper = name.toUpperCase();
  for (const [key, value] of Object.entries(env))
    if (key.toUpperCase() === upper && value !== undefined) return value;
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
