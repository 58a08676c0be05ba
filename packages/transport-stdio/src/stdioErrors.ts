import { CoreErrorCode, MCPConnectionError, MCPTransportError, StdioErrorCode } from '@org/mcp-core';
import { type CommandSearch, notFoundMessage } from './process/commandSearch.js';

/** At most this much of a stderr tail goes into an error message; the whole tail is on `stderrTail`. */
const TAIL_IN_MESSAGE = 2_000;
/** At most this much of a line that is not JSON is logged. */
const SNIPPET = 200;

// The errors of a stdio transport, each saying what to do about it.

export function alreadyStarted(serverName: string): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.ALREADY_STARTED,
    `The stdio transport of server "${serverName}" was already started; make a new one to connect again.`,
    { serverName },
  );
}

export function closedWhileStarting(serverName: string): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.TRANSPORT_CLOSED,
    `Server "${serverName}" was closed while it was starting.`,
    { serverName },
  );
}

export function notRunning(serverName: string): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.TRANSPORT_CLOSED,
    `Cannot write to server "${serverName}": its process is not running. Connect again.`,
    { serverName },
  );
}

export function spawnFailed(serverName: string, why: string, cause?: unknown): MCPConnectionError {
  return new MCPConnectionError(
    StdioErrorCode.SPAWN_FAILED,
    `Could not start server "${serverName}": ${why}`,
    {
      serverName,
      cause,
    },
  );
}

/**
 * Why spawning failed, in words that say what to fix. `command` is as the user wrote it; Node's
 * error is scrubbed to its code, since its message and fields quote the expanded command line.
 */
export function describeSpawnError(
  command: string,
  error: NodeJS.ErrnoException,
  search: CommandSearch,
): string {
  switch (error.code) {
    case 'ENOENT':
      return notFoundMessage(command, search);
    case 'EACCES':
    case 'EPERM':
      return `command "${command}" could not be executed (${error.code}). Check that it is a file with execute permission (chmod +x), not a directory.`;
    default:
      return `spawning "${command}" failed (${error.message}). Check the command, its arguments and cwd.`;
  }
}

export function messageTooLarge(serverName: string, limit: number): MCPTransportError {
  return new MCPTransportError(
    CoreErrorCode.MESSAGE_TOO_LARGE,
    `Server "${serverName}" sent a message larger than ${limit} bytes; the connection was closed. Raise maxMessageSize if such messages are expected.`,
    { serverName },
  );
}

export function invalidJsonLine(serverName: string, line: string): MCPTransportError {
  const snippet = line.length > SNIPPET ? `${line.slice(0, SNIPPET)}…` : line;
  return new MCPTransportError(
    CoreErrorCode.INVALID_JSON,
    `Server "${serverName}" wrote a line that is not JSON on stdout (skipped): ${snippet}`,
    { serverName },
  );
}

/**
 * The server exited on its own: how, and the end of what it wrote to stderr. `startup`: it had
 * written nothing on stdout, so it failed before speaking MCP at all.
 */
export function serverExited(
  serverName: string,
  exit: { code: number | null; signal: NodeJS.Signals | null; startup: boolean },
  stderrTail: string,
): MCPConnectionError {
  const { code, signal, startup } = exit;
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const when = startup ? ' before writing anything on stdout: it failed to start.' : ' unexpectedly.';
  const tail = stderrTail
    ? ` Its stderr ended with:\n${stderrTail.length > TAIL_IN_MESSAGE ? `…${stderrTail.slice(-TAIL_IN_MESSAGE)}` : stderrTail}`
    : ' It wrote nothing to stderr.';
  return new MCPConnectionError(
    StdioErrorCode.SERVER_EXITED,
    `Server "${serverName}" ${how}${when} Check its command, arguments and environment, or run it by hand to see why.${tail}`,
    { serverName, exitCode: code, signal, stderrTail, startup },
  );
}

/**
 * The server hung up a pipe but kept running: it closed its stdout (no answer can arrive), or a
 * write to its stdin failed (it no longer reads requests). `cause`: Node's error, scrubbed.
 */
export function pipeClosed(
  serverName: string,
  pipe: 'stdout' | 'stdin',
  cause?: NodeJS.ErrnoException,
): MCPConnectionError {
  const what =
    pipe === 'stdout'
      ? `Server "${serverName}" closed its stdout but kept running, so no answer could arrive`
      : `A write to the stdin of server "${serverName}" failed${cause?.code ? ` (${cause.code})` : ''} while it kept running, so it could not read requests`;
  return new MCPConnectionError(
    StdioErrorCode.PIPE_CLOSED,
    `${what}; it was stopped. Check that it keeps stdin and stdout open and writes only MCP messages to stdout.`,
    { serverName, cause },
  );
}
