import { MCPConfigError, StdioErrorCode } from '@org/mcp-core';
import { cmdArgument, cmdCommand, UNSAFE_FOR_CMD } from './cmdArguments.js';
import { findWindowsCommand } from './findWindowsCommand.js';
import { type WindowsHost, windowsVariable } from './windowsHost.js';

/** What to hand `child_process.spawn`. */
export interface SpawnPlan {
  command: string;
  args: string[];
  /** The command line is already quoted for cmd.exe: Node must not quote it again. */
  windowsVerbatimArguments: boolean;
}

/**
 * How to start `command` with `args` on this host. Elsewhere than Windows: as given. On Windows the command is found
 * through PATH and PATHEXT; an `.exe` or `.com` is started directly (Node quotes its arguments), a `.cmd` or `.bat`
 * (what `npx`, `uvx` and other shims are) through `cmd.exe /d /s /c` with the command line escaped so that no
 * argument can run a command of its own. An argument with a line break or NUL cannot be passed to a `.cmd`/`.bat`
 * that way: UNSAFE_ARGUMENT, naming its index, never its text. A command not found is left to spawn, whose ENOENT
 * says where it was looked for.
 */
export function windowsSpawn(
  command: string,
  args: readonly string[],
  host: WindowsHost,
  serverName: string,
): SpawnPlan {
  const direct = { command, args: [...args], windowsVerbatimArguments: false };
  if (host.platform !== 'win32') return direct;
  const found = findWindowsCommand(command, host);
  if (found === undefined) return direct;
  if (!/\.(cmd|bat)$/i.test(found)) return { ...direct, command: found };
  const unsafe = args.findIndex((arg) => UNSAFE_FOR_CMD.test(arg));
  if (unsafe >= 0)
    throw new MCPConfigError(`Server "${serverName}" cannot be started safely`, {
      serverName,
      code: StdioErrorCode.UNSAFE_ARGUMENT,
      issues: [
        {
          path: `mcpServers.${serverName}.args.${unsafe}`,
          message: `holds a line break or NUL, which cannot be passed through cmd.exe to "${command}" (a .cmd/.bat file) without letting it run another command; pass it another way (env, a file) or run the program behind the shim directly`,
        },
      ],
    });
  // Every argument escaped twice: a shim (npx.cmd, pnpm.cmd, node_modules\.bin\*.cmd) hands them on with `%*`, which
  // cmd.exe parses once more; escaped once, a quote in an argument would end its quoted span there.
  const line = [cmdCommand(found), ...args.map((arg) => cmdArgument(arg, true))].join(' ');
  return {
    command: windowsVariable(host.env, 'ComSpec') ?? 'cmd.exe',
    args: ['/d', '/s', '/c', `"${line}"`],
    windowsVerbatimArguments: true,
  };
}
