import { delimiter, isAbsolute, resolve } from 'node:path';

/** Where a command was looked for: the folder it starts in, and the PATH directories (undefined: the config set PATH). */
export interface CommandSearch {
  /** The server's working directory as written (its cwd, else the host's). */
  folder: string;
  /** The host's PATH, split; undefined when the config's `env` sets PATH, whose value is a secret like any env value. */
  path: readonly string[] | undefined;
}

/** PATH directories named in an error, at most. */
const MAX_SHOWN_DIRS = 20;

/** Where a server's command is looked for: a configured PATH wins over the host's (case-insensitively on Windows). */
export function commandSearch(
  env: Record<string, string> | undefined,
  shownCwd: string | undefined,
): CommandSearch {
  const windows = process.platform === 'win32';
  const configured = Object.keys(env ?? {}).some((key) => (windows ? key.toUpperCase() : key) === 'PATH');
  const hostPath = process.env.PATH ?? process.env.Path ?? '';
  return {
    folder: shownCwd ?? process.cwd(),
    path: configured ? undefined : hostPath.split(delimiter).filter(Boolean),
  };
}

/** Why `command` (as written) was not found, naming where it was looked for. */
export function notFoundMessage(command: string, search: CommandSearch): string {
  const hint = /\s/.test(command.trim())
    ? ` If "${command}" holds the program's arguments, move them to "args".`
    : '';
  if (/[\\/]/.test(command)) {
    const where = isAbsolute(command) ? command : resolve(search.folder, command);
    return `command "${command}" was not found: there is no file ${where}. Check the path (a relative one starts from the server's folder ${search.folder}).${hint}`;
  }
  return `command "${command}" was not found on the PATH the server gets (${describePath(search.path)}), from folder ${search.folder}. Check that it is installed, set env.PATH or inheritEnv, or give its absolute path.${hint}`;
}

function describePath(path: readonly string[] | undefined): string {
  if (path === undefined) return 'set in its "env"; not shown, as env values never are';
  if (path.length === 0) return 'empty';
  const shown = path.slice(0, MAX_SHOWN_DIRS).join(delimiter);
  return path.length > MAX_SHOWN_DIRS ? `${shown} and ${path.length - MAX_SHOWN_DIRS} more` : shown;
}
