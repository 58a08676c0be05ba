import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isAlive, waitUntil } from './processes.js';

const require = createRequire(import.meta.url);

/** The installed bin of @modelcontextprotocol/server-everything (no download at test time). */
export function everythingBin(): string {
  return join(
    dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
    'dist/index.js',
  );
}

/** The preload that pins a server's listen() to 127.0.0.1 and reports its port (resolved by name, so it survives bundling). */
export const loopbackPreload = require.resolve('@org/mcp-demo-servers/loopback-preload');

export interface RunningHttpServer {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  origin: string;
  port: number;
  child: ChildProcess;
  close(): Promise<void>;
}

/**
 * Starts a Node HTTP server script as a child on a free 127.0.0.1 port (PORT=0 plus the
 * loopback preload) and resolves once it listens.
 */
export function startHttpServerProcess(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<RunningHttpServer> {
  const child = spawn(process.execPath, ['--import', loopbackPreload, script, ...args], {
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /TEST_LISTENING (\d+)/.exec(stderr);
      if (!match) return;
      child.stderr?.off('data', onData);
      child.stderr?.resume();
      const port = Number(match[1]);
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        child,
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await waitUntil(
            () => child.exitCode !== null || child.signalCode !== null || !isAlive(child.pid ?? 0),
            'server exit',
          );
        },
      });
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`server ${script} exited (${code}) before listening: ${stderr}`)),
    );
    child.once('error', reject);
  });
}

/** The installed bin of @modelcontextprotocol/server-filesystem. */
export function filesystemBin(): string {
  return join(
    dirname(require.resolve('@modelcontextprotocol/server-filesystem/package.json')),
    'dist/index.js',
  );
}

/** server-everything over Streamable HTTP (`/mcp`) or legacy SSE (`/sse`) on 127.0.0.1. */
export async function startEverything(
  mode: 'streamableHttp' | 'sse',
): Promise<RunningHttpServer & { url: string }> {
  const server = await startHttpServerProcess(everythingBin(), [mode]);
  return { ...server, url: `${server.origin}${mode === 'sse' ? '/sse' : '/mcp'}` };
}
