import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CoreErrorCode,
  type JSONRPCMessage,
  type Logger,
  MCPConnectionError,
  MCPTransportError,
  StdioErrorCode,
  silentLogger,
  type Transport,
} from '@org/mcp-core';
import { childEnvironment } from './childEnvironment.js';
import { LineDecoder, LineTooLongError } from './lineDecoder.js';
import { LineWriter } from './lineWriter.js';
import { liveProcessRegistry } from './liveProcessRegistry.js';
import { isProcessTreeAlive, signalProcessTree } from './signalProcessTree.js';
import { StderrTail } from './stderrTail.js';
import {
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_STDERR_TAIL_SIZE,
  DEFAULT_STDIN_END_WAIT,
  DEFAULT_STOP_GRACE_PERIOD,
  EXIT_DRAIN_WAIT,
  SIGKILL_WAIT,
  type StdioTransportOptions,
} from './stdioTransportOptions.js';

/** At most this much of a stderr tail goes into an error message; the whole tail is on `stderrTail`. */
const TAIL_IN_MESSAGE = 2_000;
/** At most this much of a line that is not JSON is logged. */
const SNIPPET = 200;

type State = 'idle' | 'starting' | 'open' | 'closing' | 'closed';

/**
 * A server run as a subprocess, speaking newline-delimited JSON on stdin/stdout. It gets its own
 * process group, a minimal environment and drained stderr; `close` stops the whole tree
 * (stdin EOF, SIGTERM, SIGKILL) and always reaps it, and a host that exits takes it along.
 */
export class StdioTransport implements Transport {
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;

  private readonly options: StdioTransportOptions;
  private readonly serverName: string;
  private readonly logger: Logger;
  private readonly decoder: LineDecoder;
  private readonly stderr: StderrTail;
  private state: State = 'idle';
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> | undefined;
  private stdoutEnded: Promise<void> | undefined;
  private writer: LineWriter | undefined;
  private stopping: Promise<void> | undefined;

  constructor(options: StdioTransportOptions) {
    this.options = options;
    this.serverName = options.serverName ?? basename(options.command);
    this.logger = options.logger ?? silentLogger;
    this.decoder = new LineDecoder(options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
    this.stderr = new StderrTail(options.stderrTailSize ?? DEFAULT_STDERR_TAIL_SIZE);
  }

  /** The server's pid once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the server; rejects at once with SPAWN_FAILED when it cannot start. */
  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.state !== 'idle') {
      throw new MCPConnectionError(
        CoreErrorCode.ALREADY_STARTED,
        `The stdio transport of server "${this.serverName}" was already started; make a new one to connect again.`,
        { serverName: this.serverName },
      );
    }
    options.signal?.throwIfAborted();
    this.state = 'starting';
    const { command, args = [], cwd } = this.options;
    if (cwd !== undefined && !isDirectory(cwd)) {
      this.state = 'closed';
      throw this.spawnFailed(
        `its working directory "${cwd}" does not exist or is not a directory. Fix "cwd".`,
      );
    }
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(command, args, {
        cwd,
        env: childEnvironment({ env: this.options.env, inheritEnv: this.options.inheritEnv }),
        stdio: 'pipe',
        shell: false,
        windowsHide: true,
        // Its own process group, so signals reach `npx` and the node it starts alike.
        detached: process.platform !== 'win32',
      });
    } catch (error) {
      this.state = 'closed';
      throw this.spawnFailed(describeSpawnError(command, error), error);
    }
    this.child = child;
    // The pid exists as soon as spawn() returns; watch the process from then on, so a close()
    // during the start still finds and stops it.
    if (child.pid !== undefined) this.watch(child, child.pid);
    await new Promise<void>((resolve, reject) => {
      const onSpawn = () => {
        child.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        child.off('spawn', onSpawn);
        this.state = 'closed';
        reject(this.spawnFailed(describeSpawnError(command, error), error));
      };
      child.once('spawn', onSpawn);
      child.once('error', onError);
    });
    if (this.state !== 'starting') {
      options.signal?.throwIfAborted();
      throw new MCPConnectionError(
        CoreErrorCode.TRANSPORT_CLOSED,
        `Server "${this.serverName}" was closed while it was starting.`,
        { serverName: this.serverName },
      );
    }
    this.state = 'open';
    child.on('error', (error) => this.logger.warn({ err: error }, 'subprocess error'));
    this.logger.debug({ pid: child.pid }, 'server process started');
  }

  private watch(child: ChildProcessWithoutNullStreams, pid: number): void {
    liveProcessRegistry.add(pid);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.stdoutEnded = new Promise((resolve) => child.stdout.once('close', () => resolve()));
    child.once('exit', (code, signal) => this.onExit(code, signal));
    // A server that exits while we write gives EPIPE; its exit is reported through 'exit'.
    child.stdin.on('error', (error) => this.logger.debug({ err: error }, 'stdin closed'));
    this.writer = new LineWriter(child.stdin, () => this.notRunning());
    child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk));
  }

  /** Queues one line, written with the others of this tick; waits for the pipe to drain when the server reads slower than we write. */
  send(message: JSONRPCMessage): Promise<void> {
    const writer = this.writer;
    if (this.state !== 'open' || !writer || !this.child?.stdin.writable)
      return Promise.reject(this.notRunning());
    let line: string;
    try {
      line = `${JSON.stringify(message)}\n`;
    } catch (error) {
      return Promise.reject(error);
    }
    return writer.write(line);
  }

  /**
   * Stops the server and its tree: end stdin, wait up to `stdinEndWait`, SIGTERM the group, wait
   * up to `stopGracePeriod`, SIGKILL the group; reaped on `exit`. Idempotent.
   */
  close(): Promise<void> {
    return this.stop(undefined);
  }

  isAlive(): boolean {
    const child = this.child;
    return this.state === 'open' && !!child && child.exitCode === null && child.signalCode === null;
  }

  /** The last lines of the server's stderr, for error messages. */
  diagnostics(): string | undefined {
    return this.stderr.text() || undefined;
  }

  /**
   * One stop sequence, whoever asks. With a `reason` (a fatal error of ours) `onclose` fires at
   * once, so pending requests fail now; without one it fires when everything is released.
   */
  private stop(reason: Error | undefined): Promise<void> {
    if (this.stopping) return this.stopping;
    const wasOpen = this.state === 'open' || this.state === 'closing';
    this.state = 'closing';
    if (reason) this.onclose?.(reason);
    this.stopping = this.terminate().then(() => {
      this.state = 'closed';
      if (!reason && wasOpen) this.onclose?.();
    });
    return this.stopping;
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    const pid = child?.pid;
    if (!child || pid === undefined || !this.exited) return;
    if (!hasExited(child)) {
      this.writer?.flush();
      child.stdin.end();
      if (!(await settlesWithin(this.exited, this.options.stdinEndWait ?? DEFAULT_STDIN_END_WAIT))) {
        this.logger.debug('server still running after stdin ended; sending SIGTERM to its process group');
        signalProcessTree(pid, 'SIGTERM');
        const grace = this.options.stopGracePeriod ?? DEFAULT_STOP_GRACE_PERIOD;
        if (!(await settlesWithin(this.exited, grace))) {
          this.logger.warn(`server ignored SIGTERM for ${grace} ms; sending SIGKILL to its process group`);
          signalProcessTree(pid, 'SIGKILL');
          if (!(await settlesWithin(this.exited, SIGKILL_WAIT))) {
            // Stuck in the kernel (uninterruptible I/O): give up waiting, but keep it registered
            // so the host's exit tries again.
            this.logger.error(
              { pid },
              `server did not die within ${SIGKILL_WAIT} ms of SIGKILL; giving up on it`,
            );
            this.releaseStreams(child);
            return;
          }
        }
      }
    }
    // The leader is gone; whatever it left in its group is an orphan now.
    if (isProcessTreeAlive(pid)) signalProcessTree(pid, 'SIGKILL');
    liveProcessRegistry.delete(pid);
    this.releaseStreams(child);
    this.logger.debug({ pid }, 'server process stopped');
  }

  /** Our ends of the pipes are closed even if a process that escaped the group still holds the other ends. */
  private releaseStreams(child: ChildProcessWithoutNullStreams): void {
    child.stdin.destroy();
    child.stdout.destroy();
    child.stderr.destroy();
  }

  private onStdout(chunk: Buffer): void {
    if (this.state === 'closed') return;
    let lines: string[];
    try {
      lines = this.decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      this.child?.stdout.destroy();
      void this.stop(
        new MCPTransportError(
          CoreErrorCode.MESSAGE_TOO_LARGE,
          `Server "${this.serverName}" sent a message larger than ${error.limit} bytes; the connection was closed. Raise maxMessageSize if such messages are expected.`,
          { serverName: this.serverName },
        ),
      );
      return;
    }
    for (const line of lines) this.receiveLine(line);
  }

  private receiveLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      const snippet = line.length > SNIPPET ? `${line.slice(0, SNIPPET)}…` : line;
      this.onerror?.(
        new MCPTransportError(
          CoreErrorCode.INVALID_JSON,
          `Server "${this.serverName}" wrote a line that is not JSON on stdout (skipped): ${snippet}`,
          { serverName: this.serverName },
        ),
      );
      return;
    }
    this.onmessage?.(message);
  }

  private onStderr(chunk: Buffer): void {
    for (const line of this.stderr.push(chunk)) this.logger.debug({ stderr: line }, 'server stderr');
  }

  /** The leader exited. Unless we were stopping it, this is the end of the connection. */
  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.state !== 'open' && this.state !== 'starting') return;
    this.state = 'closing';
    const pid = this.child?.pid as number;
    this.logger.debug({ pid, exitCode: code, signal }, 'server process exited');
    // Orphans would hold stdout open; with them gone, the answers still in the pipe are read first.
    signalProcessTree(pid, 'SIGKILL');
    void settlesWithin(this.stdoutEnded as Promise<void>, EXIT_DRAIN_WAIT).then(() => {
      const rest = this.decoder.flush();
      if (rest !== undefined) {
        this.logger.warn(
          { bytes: Buffer.byteLength(rest) },
          'server exited in the middle of a line; dropped it',
        );
      }
      void this.stop(this.exitError(code, signal));
    });
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): MCPConnectionError {
    const stderrTail = this.stderr.text();
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = stderrTail
      ? ` Its stderr ended with:\n${stderrTail.length > TAIL_IN_MESSAGE ? `…${stderrTail.slice(-TAIL_IN_MESSAGE)}` : stderrTail}`
      : ' It wrote nothing to stderr.';
    return new MCPConnectionError(
      StdioErrorCode.SERVER_EXITED,
      `Server "${this.serverName}" ${how} unexpectedly. Check its command, arguments and environment, or run it by hand to see why.${tail}`,
      { serverName: this.serverName, exitCode: code, signal, stderrTail },
    );
  }

  private notRunning(): MCPConnectionError {
    return new MCPConnectionError(
      CoreErrorCode.TRANSPORT_CLOSED,
      `Cannot write to server "${this.serverName}": its process is not running. Connect again.`,
      { serverName: this.serverName },
    );
  }

  private spawnFailed(why: string, cause?: unknown): MCPConnectionError {
    return new MCPConnectionError(
      StdioErrorCode.SPAWN_FAILED,
      `Could not start server "${this.serverName}": ${why}`,
      {
        serverName: this.serverName,
        cause,
      },
    );
  }
}

function describeSpawnError(command: string, error: unknown): string {
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

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function hasExited(child: ChildProcessWithoutNullStreams): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true when `promise` settles within `ms`, false otherwise; never leaves a timer behind. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
