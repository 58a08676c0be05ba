import { win32 } from 'node:path';
import { type WindowsHost, windowsVariable } from './windowsHost.js';

/** PATHEXT when the environment has none: what cmd.exe uses. */
const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

/**
 * The file Windows would run for `command`, as cmd.exe finds it: a name with a folder is taken from there, else
 * from the working folder and then each PATH folder; without one of PATHEXT's extensions, each is tried in order
 * (`npx` is `npx.cmd`, `node` is `node.exe`). Undefined when there is none.
 */
export function findWindowsCommand(command: string, host: WindowsHost): string | undefined {
  const extensions = (windowsVariable(host.env, 'PATHEXT') ?? DEFAULT_PATHEXT)
    .split(';')
    .map((extension) => extension.trim().toLowerCase())
    .filter((extension) => extension.startsWith('.'));
  const hasExtension = extensions.includes(win32.extname(command).toLowerCase());
  const candidates = (base: string) => [
    ...(hasExtension ? [base] : []),
    ...extensions.map((extension) => `${base}${extension}`),
  ];
  const folders = /[\\/]/.test(command)
    ? ['']
    : [host.cwd, ...(windowsVariable(host.env, 'PATH') ?? '').split(';').filter(Boolean)];
  for (const folder of folders) {
    const base =
      folder === '' ? win32.resolve(host.cwd, command) : win32.join(folder.replace(/^"|"$/g, ''), command);
    for (const candidate of candidates(base)) if (host.isFile(candidate)) return candidate;
  }
  return undefined;
}
