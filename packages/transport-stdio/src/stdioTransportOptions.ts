import type { Logger, StdioServerConfig } from '@org/mcp-core';

/** Options of a {@link StdioTransport}: the server's command line plus the transport's tuning. */
export interface StdioTransportOptions
  extends Pick<
    StdioServerConfig,
    'command' | 'args' | 'env' | 'cwd' | 'asWritten' | 'inheritEnv' | 'stopGracePeriod'
  > {
  /** The server's name in logs and errors. Default: the command's basename, as written. */
  serverName?: string | undefined;
  /** A pino-shaped logger; stderr lines go to it at debug. Default: silent. */
  logger?: Logger | undefined;
  /** Largest message accepted on stdout, in bytes; a bigger one closes the connection. Default {@link DEFAULT_MAX_MESSAGE_SIZE}. */
  maxMessageSize?: number | undefined;
  /** How much of the end of stderr is kept for errors, in bytes. Default {@link DEFAULT_STDERR_TAIL_SIZE}. */
  stderrTailSize?: number | undefined;
  /** How long `close` waits for the server to exit on its own after stdin ends, in ms. Default {@link DEFAULT_STDIN_END_WAIT}. */
  stdinEndWait?: number | undefined;
}

/** 64 MiB: larger than any sane JSON-RPC message, small enough that a runaway server cannot exhaust memory. */
export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
/** 16 KiB of stderr is kept for error messages. */
export const DEFAULT_STDERR_TAIL_SIZE = 16 * 1024;
/** After stdin ends, a well-behaved server exits within this many ms before it is sent SIGTERM. */
export const DEFAULT_STDIN_END_WAIT = 1_000;
/** Between SIGTERM and SIGKILL of the process group, in ms. */
export const DEFAULT_STOP_GRACE_PERIOD = 5_000;
/** Connect (spawn plus handshake) may take this long by default, in ms: `npx` and `uvx` may install first. */
export const DEFAULT_STDIO_CONNECT_TIMEOUT = 60_000;
/**
 * Upper bound, in ms, on waiting for stdout to end after the server exited (its last answers are
 * still in the pipe); the process group is killed first, so only an escaped process can hold it open.
 */
export const EXIT_DRAIN_WAIT = 1_000;
/**
 * After stdout ends or a write to stdin fails, how long (ms) to wait for the server's exit, which
 * a dying server's closed pipes precede by microseconds; still running after it, it has hung up.
 */
export const PIPE_LOSS_EXIT_WAIT = 250;
/** Upper bound, in ms, on waiting for the server to exit after SIGKILL; only a process stuck in the kernel takes longer. */
export const SIGKILL_WAIT = 5_000;
