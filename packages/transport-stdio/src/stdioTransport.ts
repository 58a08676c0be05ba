import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  type JSONRPCMessage,
  type Logger,
  type MCPConnectionError,
  silentLogger,
  type Transport,
} from '@org/mcp-core';
import { commandSearch } from './process/commandSearch.js';
import { liveProcessRegistry } from './process/liveProcessRegistry.js';
import { scrubNodeError } from './process/scrubNodeError.js';
import { settlesWithin } from './process/settlesWithin.js';
import { signalProcessTree } from './process/signalProcessTree.js';
import { spawnServer } from './process/spawnServer.js';
import { StderrTail } from './process/stderrTail.js';
import { stopServer } from './process/stopServer.js';
import { defaultServerName, type ShownConfig, shownConfig } from './shownConfig.js';
import {
  alreadyStarted,
  closedWhileStarting,
  describeSpawnError,
  notRunning,
  pipeClosed,
  serverExited,
  spawnFailed,
} from './stdioErrors.js';
import {
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_STDERR_TAIL_SIZE,
  DEFAULT_STDIN_END_WAIT,
  DEFAULT_STOP_GRACE_PERIOD,
  EXIT_DRAIN_WAIT,
  PIPE_LOSS_EXIT_WAIT,
  type StdioTransportOptions,
} from './stdioTransportOptions.js';
import { LineWriter } from './wire/lineWriter.js';
import { MessageReader } from './wire/messageReader.js';

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
  /** Command and cwd as errors name them. */
  private readonly shown: ShownConfig;
  private readonly logger: Logger;
  private readonly reader: MessageReader;
  private readonly stderr: StderrTail;
  private state: State = 'idle';
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> | undefined;
  private stdoutEnded: Promise<void> | undefined;
  private writer: LineWriter | undefined;
  private stopping: Promise<void> | undefined;
  /** Any byte on stdout so far: a server that exits before one failed to start. */
  private wroteStdout = false;
  /**
   * Set once the connection is ending (an exit, a hung-up pipe, a close); settles with the reason
   * when it is known (undefined for our own close). A send meanwhile fails with that reason.
   */
  private ending: Promise<Error | undefined> | undefined;
  private reportEnd: ((reason: Error | undefined) => void) | undefined;

  constructor(options: StdioTransportOptions) {
    this.options = options;
    this.shown = shownConfig(options);
    this.serverName = options.serverName ?? defaultServerName(options);
    this.logger = options.logger ?? silentLogger;
    this.reader = new MessageReader(options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE, this.serverName, {
      message: (message) => this.onmessage?.(message),
      invalidLine: (error) => this.onerror?.(error),
      tooLarge: (error) => {
        this.child?.stdout.destroy();
        void this.stop(error);
      },
    });
    this.stderr = new StderrTail(options.stderrTailSize ?? DEFAULT_STDERR_TAIL_SIZE);
  }

  /** The server's pid once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the server; rejects at once with SPAWN_FAILED when it cannot start. */
  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.state !== 'idle') throw alreadyStarted(this.serverName);
    options.signal?.throwIfAborted();
    this.state = 'starting';
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawnServer(this.options, this.serverName, this.shown);
    } catch (error) {
      this.state = 'closed';
      throw error;
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
        const scrubbed = scrubNodeError(error);
        const search = commandSearch(this.options.env, this.shown.cwd);
        reject(
          spawnFailed(this.serverName, describeSpawnError(this.shown.command, scrubbed, search), scrubbed),
        );
      };
      child.once('spawn', onSpawn);
      child.once('error', onError);
    });
    if (this.state !== 'starting') {
      options.signal?.throwIfAborted();
      throw closedWhileStarting(this.serverName);
    }
    this.state = 'open';
    child.on('error', (error) => this.logger.warn({ err: scrubNodeError(error) }, 'subprocess error'));
    this.logger.debug({ pid: child.pid }, 'server process started');
  }

  private watch(child: ChildProcessWithoutNullStreams, pid: number): void {
    liveProcessRegistry.add(pid);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.stdoutEnded = new Promise((resolve) => child.stdout.once('close', () => resolve()));
    child.once('exit', (code, signal) => this.onExit(code, signal));
    child.stdout.once('end', () => this.onPipeLost(pipeClosed(this.serverName, 'stdout')));
    child.stdout.on('error', (error) =>
      this.onPipeLost(pipeClosed(this.serverName, 'stdout', scrubNodeError(error))),
    );
    child.stdin.on('error', (error) =>
      this.onPipeLost(pipeClosed(this.serverName, 'stdin', scrubNodeError(error))),
    );
    child.stderr.on('error', (error) =>
      this.logger.debug({ err: scrubNodeError(error) }, 'reading stderr failed'),
    );
    this.writer = new LineWriter(child.stdin, () => notRunning(this.serverName));
    child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk));
  }

  /** Queues one line, written with the others of this tick; waits for the pipe to drain when the server reads slower than we write. */
  send(message: JSONRPCMessage): Promise<void> {
    if (this.ending)
      return this.ending.then((reason) => Promise.reject(reason ?? notRunning(this.serverName)));
    const writer = this.writer;
    if (this.state !== 'open' || !writer || !this.child?.stdin.writable)
      return Promise.reject(notRunning(this.serverName));
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
    this.beginEnd();
    this.reportEnd?.(reason);
    if (reason) this.onclose?.(reason);
    this.stopping = this.terminate().then(() => {
      this.state = 'closed';
      if (!reason && wasOpen) this.onclose?.();
    });
    return this.stopping;
  }

  private beginEnd(): void {
    this.ending ??= new Promise((resolve) => {
      this.reportEnd = resolve;
    });
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined || !this.exited) return;
    await stopServer(child, {
      exited: this.exited,
      flush: () => this.writer?.flush(),
      stdinEndWait: this.options.stdinEndWait ?? DEFAULT_STDIN_END_WAIT,
      stopGracePeriod: this.options.stopGracePeriod ?? DEFAULT_STOP_GRACE_PERIOD,
      logger: this.logger,
    });
  }

  private onStdout(chunk: Buffer): void {
    if (this.state === 'closed') return;
    this.wroteStdout = true;
    this.reader.push(chunk);
  }

  private onStderr(chunk: Buffer): void {
    for (const line of this.stderr.push(chunk)) this.logger.debug({ stderr: line }, 'server stderr');
  }

  /** The leader exited. Unless we were stopping it, this is the end of the connection. */
  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.state !== 'open' && this.state !== 'starting') return;
    this.state = 'closing';
    this.beginEnd();
    const pid = this.child?.pid as number;
    this.logger.debug({ pid, exitCode: code, signal }, 'server process exited');
    // Orphans would hold stdout open; with them gone, the answers still in the pipe are read first.
    signalProcessTree(pid, 'SIGKILL');
    void settlesWithin(this.stdoutEnded as Promise<void>, EXIT_DRAIN_WAIT).then(() => {
      const rest = this.reader.flush();
      if (rest !== undefined) {
        this.logger.warn(
          { bytes: Buffer.byteLength(rest) },
          'server exited in the middle of a line; dropped it',
        );
      }
      const exit = { code, signal, startup: !this.wroteStdout };
      void this.stop(serverExited(this.serverName, exit, this.stderr.text()));
    });
  }

  /**
   * stdout ended or failed, or a write to stdin failed (EPIPE). A dying server closes its pipes
   * just before its exit, the better report (exit code, stderr tail): wait briefly for it. A server
   * still running then has hung up on us: the connection is lost and the server stopped.
   */
  private onPipeLost(reason: MCPConnectionError): void {
    if (this.ending || (this.state !== 'open' && this.state !== 'starting')) return;
    this.beginEnd();
    this.logger.debug({ err: reason.cause }, 'a pipe to the server closed; waiting for its exit');
    void settlesWithin(this.exited as Promise<void>, PIPE_LOSS_EXIT_WAIT)
      // One more turn of the event loop, so an exit already signalled is handled before the verdict.
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => {
        if (this.state !== 'open' && this.state !== 'starting') return;
        this.logger.warn(reason.message);
        void this.stop(reason);
      });
  }
}
