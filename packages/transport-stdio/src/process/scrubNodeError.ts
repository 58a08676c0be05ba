/**
 * Node's errors about a child process quote what it was given: the command and its arguments
 * (`path`, `spawnargs`, `syscall` is `spawn <path>`, the message) and, for options it refuses, env
 * values. What is safe to chain or log is what went wrong: `code`, `errno` and the system call's
 * name, kept on an error of our own.
 */
export function scrubNodeError(error: unknown): NodeJS.ErrnoException {
  const { code, errno, syscall: call } = (error ?? {}) as NodeJS.ErrnoException;
  const syscall = call?.split(' ')[0];
  const what = code ?? (error instanceof Error ? error.name : 'unknown error');
  const scrubbed: NodeJS.ErrnoException = new Error(syscall ? `${syscall} ${what}` : what);
  if (code !== undefined) scrubbed.code = code;
  if (errno !== undefined) scrubbed.errno = errno;
  if (syscall !== undefined) scrubbed.syscall = syscall;
  return scrubbed;
}
