import { spawnSync } from 'node:child_process';

/**
 * Sends `signal` to a server and everything it started: on POSIX to its process group (the
 * server was spawned as the group's leader), on Windows through `taskkill /T` (with `/F` for
 * SIGKILL). Synchronous, so it also works inside the host's `exit` handler. Returns false when
 * nothing was left to signal.
 */
export function signalProcessTree(pid: number, signal: 'SIGTERM' | 'SIGKILL'): boolean {
  if (process.platform === 'win32') {
    const args = ['/PID', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])];
    return spawnSync('taskkill', args, { stdio: 'ignore', windowsHide: true }).status === 0;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    // ESRCH: the whole group is gone already.
    return false;
  }
}

/** True while any process of the server's tree exists (POSIX: its group; Windows: the server itself). */
export function isProcessTreeAlive(pid: number): boolean {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
