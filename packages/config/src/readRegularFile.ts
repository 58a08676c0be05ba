import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';

/**
 * Why a file could not be read. It keeps Node's `code` (ENOENT, EACCES...) and never Node's error,
 * whose message quotes the path, and a path may hold an expanded secret. It names no path itself:
 * the caller names the path as the user wrote it.
 */
export class FileReadError extends Error {
  override name = 'FileReadError';

  constructor(
    /** What went wrong: `file not found`, `could not be read (EACCES)`, `not a regular file but a FIFO`... */
    message: string,
    /** Node's error code, when Node failed. */
    readonly code?: string,
    /** Set when the file is over the size bound, which the caller knows the name of. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const CHUNK = 64 * 1024;

/** Any error of a read as a `FileReadError`: Node's (or a caller's reader's) by its code only. */
export function toFileReadError(error: unknown): FileReadError {
  if (error instanceof FileReadError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
  return new FileReadError(code === 'ENOENT' ? 'file not found' : `could not be read (${code})`, code);
}

/** Refuses anything but a regular file: a FIFO blocks its reader, a device may never end. */
function refuseIrregular(stats: Stats): void {
  if (stats.isFile()) return;
  // A directory fails as Node fails to read one.
  if (stats.isDirectory()) throw new FileReadError('could not be read (EISDIR)', 'EISDIR');
  const kind = stats.isFIFO()
    ? 'a FIFO'
    : stats.isCharacterDevice()
      ? 'a character device'
      : stats.isBlockDevice()
        ? 'a block device'
        : stats.isSocket()
          ? 'a socket'
          : 'something else';
  throw new FileReadError(`not a regular file but ${kind}`);
}

/**
 * Reads a regular file as UTF-8, asynchronously and at most `maxBytes` bytes; throws `FileReadError`.
 * The bound is checked on what is read, not on what stat says (files in /proc say 0).
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<string> {
  let handle: FileHandle;
  try {
    refuseIrregular(await stat(path));
    // O_NONBLOCK: should a FIFO replace the file after stat, opening it does not wait for a writer.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw toFileReadError(error);
  }
  try {
    const stats = await handle.stat();
    refuseIrregular(stats);
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read asks for the whole file and one byte more; only a growing file needs another.
    let want = Math.max(stats.size + 1, CHUNK);
    while (total <= maxBytes) {
      const buffer = Buffer.alloc(Math.min(want, maxBytes + 1 - total));
      want = CHUNK;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total).toString('utf8');
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    throw new FileReadError(`larger than ${maxBytes} bytes`, undefined, true);
  } catch (error) {
    throw toFileReadError(error);
  } finally {
    await handle.close();
  }
}
