import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real `redis-server` (Debian's package) on 127.0.0.1, with no persistence unless asked: one per test file. */
export interface TestRedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The server's pid while it runs. */
  readonly pid: number | undefined;
  /** Kills it (by pid, SIGKILL) and starts it again on the same port: empty unless persistent. */
  restart(): Promise<void>;
  /** Kills it by pid (SIGKILL when `hard`), waits for the exit. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port after `stop()`. */
  start(): Promise<void>;
  /** Stops it and removes its working folder. */
  close(): Promise<void>;
}

/** A port free on 127.0.0.1 at the time of asking (redis-server cannot be told to pick one and report it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns redis-server in the foreground and resolves once it says it accepts connections. */
function spawnRedis(port: number, dir: string, persistent: boolean): Promise<ChildProcess> {
  // Persistent: every write is in the append-only file before it is answered, so a SIGKILL loses nothing.
  const keep = persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...keep];
  const child = spawn('redis-server', [...args, '--dir', dir, '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.off('exit', onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', onExit);
  });
}

/**
 * Starts a redis-server on a free loopback port; install it with `apt-get install redis-server`.
 * `persistent`: what it held survives `restart()`, as a production Redis's does.
 */
export async function startRedisServer(options: { persistent?: boolean } = {}): Promise<TestRedisServer> {
  const persistent = options.persistent ?? false;
  const dir = mkdtempSync(join(tmpdir(), 'mcp-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // Another process may take the port between freePort() and the bind: ask again then.
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    try {
      child = await spawnRedis(port, dir, persistent);
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  const stop = async (hard = false) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    process.kill(running.pid as number, hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  const start = async () => {
    child ??= await spawnRedis(port, dir, persistent);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    stop,
    start,
    restart: async () => {
      await stop(true);
      await start();
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
