import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Logger } from '@org/mcp-core';
import { SIGKILL_WAIT } from '../stdioTransportOptions.js';
import { liveProcessRegistry } from './liveProcessRegistry.js';
import { settlesWithin } from './settlesWithin.js';
import { isProcessTreeAlive, signalProcessTree } from './signalProcessTree.js';

export interface StopServerOptions {
  /** Resolves when the leader has exited. */
  exited: Promise<void>;
  /** Hands what is still queued to stdin before it ends. */
  flush: () => void;
  stdinEndWait: number;
  stopGracePeriod: number;
  logger: Logger;
}

/**
 * Stops a server and its tree: end stdin, wait up to `stdinEndWait`, SIGTERM the group, wait up to
 * `stopGracePeriod`, SIGKILL the group; then kills what the leader left in its group, unregisters
 * it and releases our ends of the pipes.
 */
export async function stopServer(
  child: ChildProcessWithoutNullStreams,
  options: StopServerOptions,
): Promise<void> {
  const { exited, logger } = options;
  const pid = child.pid as number;
  if (!hasExited(child)) {
    options.flush();
    child.stdin.end();
    if (!(await settlesWithin(exited, options.stdinEndWait))) {
      logger.debug('server still running after stdin ended; sending SIGTERM to its process group');
      signalProcessTree(pid, 'SIGTERM');
      const grace = options.stopGracePeriod;
      if (!(await settlesWithin(exited, grace))) {
        logger.warn(`server ignored SIGTERM for ${grace} ms; sending SIGKILL to its process group`);
        signalProcessTree(pid, 'SIGKILL');
        if (!(await settlesWithin(exited, SIGKILL_WAIT))) {
          // Stuck in the kernel (uninterruptible I/O): give up waiting, but keep it registered
          // so the host's exit tries again.
          logger.error({ pid }, `server did not die within ${SIGKILL_WAIT} ms of SIGKILL; giving up on it`);
          releaseStreams(child);
          return;
        }
      }
    }
  }
  // The leader is gone; whatever it left in its group is an orphan now.
  if (isProcessTreeAlive(pid)) signalProcessTree(pid, 'SIGKILL');
  liveProcessRegistry.delete(pid);
  releaseStreams(child);
  logger.debug({ pid }, 'server process stopped');
}

/** Our ends of the pipes are closed even if a process that escaped the group still holds the other ends. */
function releaseStreams(child: ChildProcessWithoutNullStreams): void {
  child.stdin.destroy();
  child.stdout.destroy();
  child.stderr.destroy();
}

function hasExited(child: ChildProcessWithoutNullStreams): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
