import { CoreErrorCode, MCPConnectionError, MCPTransportError, StdioErrorCode } from '@org/mcp-core';

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

/** Why spawning `command` failed, in words that say what to fix. */
export function describeSpawnError(command: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `command "${command}" was not found. Check that it is installed and on the PATH the server gets (set env.PATH, or inheritEnv), or give its absolute path.`;
    case 'EACCES':
    case 'EPERM':
      return `command "${command}" could not be executed (${code}). Check that it is a file with execute permission (chmod +x), not a directory.`;
    default:
      return `spawning "${command}" failed (${code ?? (error as Error).message}). Check the command, its arguments and cwd.`;
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

/** The server exited on its own: how, and the end of what it wrote to stderr. */
export function serverExited(
  serverName: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail: string,
): MCPConnectionError {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const tail = stderrTail
    ? ` Its stderr ended with:\n${stderrTail.length > TAIL_IN_MESSAGE ? `…${stderrTail.slice(-TAIL_IN_MESSAGE)}` : stderrTail}`
    : ' It wrote nothing to stderr.';
  return new MCPConnectionError(
    StdioErrorCode.SERVER_EXITED,
    `Server "${serverName}" ${how} unexpectedly. Check its command, arguments and environment, or run it by hand to see why.${tail}`,
    { serverName, exitCode: code, signal, stderrTail },
  );
}
