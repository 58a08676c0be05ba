/** True when a process with this pid exists (zombies included: they are not reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when any process of this process group still exists. */
export function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Resolves once `check` holds, polling; rejects with `message` after `timeout` ms. For
 * waiting on the outside world (a process to die), never for measuring speed.
 */
export async function waitUntil(check: () => boolean, message: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waitUntil timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
