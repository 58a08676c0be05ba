import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';

export interface FileLockOptions {
  /** How long to wait for the lock, in ms. */
  timeout: number;
  /** A lock older than this whose holder is not alive is taken over, in ms. */
  staleAfter: number;
  /** Pause between attempts, in ms. */
  retryDelay: number;
}

/**
 * A lock between processes: `<file>.lock` created exclusively (O_EXCL), holding the owner's pid;
 * removed when done. A lock left by a process that died (its pid gone) is taken over; one whose
 * holder lives is waited for, up to `timeout`, then AUTH_STORE_FAILED.
 */
export async function withFileLock<T>(
  file: string,
  options: FileLockOptions,
  task: () => Promise<T>,
): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + options.timeout;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storeFailed(file, error);
      if (await isStale(lock, options.staleAfter)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() >= deadline)
        throw new MCPAuthError(
          AuthErrorCode.AUTH_STORE_FAILED,
          `The token store ${file} stayed locked for ${options.timeout} ms by another process (${lock}). Remove the lock file if no such process runs.`,
        );
      await sleep(options.retryDelay);
    }
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

/** A lock whose holder is not alive, or that cannot be read and is older than `staleAfter`. */
async function isStale(lock: string, staleAfter: number): Promise<boolean> {
  try {
    const pid = Number(await readFile(lock, 'utf8'));
    if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
    return Date.now() - (await stat(lock)).mtimeMs > staleAfter;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** AUTH_STORE_FAILED naming the file and the system's error code, never the file's content. */
export function storeFailed(file: string, error: unknown): MCPAuthError {
  const code =
    (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.name : 'error');
  return new MCPAuthError(
    AuthErrorCode.AUTH_STORE_FAILED,
    `The token store ${file} could not be used (${code}).`,
  );
}
