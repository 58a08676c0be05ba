import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import type { ShownConfig } from '../shownConfig.js';
import { describeSpawnError, spawnFailed } from '../stdioErrors.js';
import type { StdioTransportOptions } from '../stdioTransportOptions.js';
import { childEnvironment } from './childEnvironment.js';
import { commandSearch } from './commandSearch.js';
import { scrubNodeError } from './scrubNodeError.js';
import { currentHost } from './windows/windowsHost.js';
import { windowsSpawn } from './windows/windowsSpawn.js';

/**
 * Spawns the server with the minimal environment, piped stdio and no shell, as the leader of its
 * own process group. Throws SPAWN_FAILED when it cannot even be spawned (a missing cwd, a bad
 * command), naming command and cwd as `shown`.
 */
export function spawnServer(
  options: StdioTransportOptions,
  serverName: string,
  shown: ShownConfig,
): ChildProcessWithoutNullStreams {
  const { command, args = [], cwd } = options;
  if (cwd !== undefined && !isDirectory(cwd)) {
    throw spawnFailed(
      serverName,
      `its working directory "${shown.cwd}" does not exist or is not a directory. Fix "cwd".`,
    );
  }
  const env = childEnvironment({ env: options.env, inheritEnv: options.inheritEnv });
  // On Windows `npx` is `npx.cmd`: found through PATHEXT and run by cmd.exe with every argument escaped.
  const plan = windowsSpawn(command, args, currentHost(env, cwd), serverName);
  try {
    return spawn(plan.command, plan.args, {
      cwd,
      env,
      stdio: 'pipe',
      shell: false,
      windowsHide: true,
      windowsVerbatimArguments: plan.windowsVerbatimArguments,
      // Its own process group, so signals reach `npx` and the node it starts alike.
      detached: process.platform !== 'win32',
    });
  } catch (error) {
    const scrubbed = scrubNodeError(error);
    const search = commandSearch(options.env, shown.cwd);
    throw spawnFailed(serverName, describeSpawnError(shown.command, scrubbed, search), scrubbed);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
