import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  everythingBin,
  filesystemBin,
  officialModernServerScript,
  type RunningHttpServer,
  startEverything,
} from '@org/mcp-demo-servers';
import { type ProtectedWorld, startProtectedWorld } from './protectedWorld.js';

/** The bundled config, and the servers and folder it points at. */
export interface DemoWorld {
  configPath: string;
  /** Variables the bundled config expands: ports, bins, the temp folder. */
  env: Record<string, string | undefined>;
  /** Servers that are broken on purpose and do not count against the exit code. */
  expectedToFail: string[];
  /** Pids of the HTTP and SSE servers the demo started itself. */
  pids: number[];
  /** The server behind OAuth and its authorization server (in this process). */
  oauth: ProtectedWorld;
  stop(): Promise<void>;
}

/** Starts server-everything over Streamable HTTP and SSE on free 127.0.0.1 ports and makes a temp folder. */
export async function startDemoWorld(): Promise<DemoWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-demo-'));
  writeFileSync(join(dir, 'hello.txt'), 'Hello from the MCP demo.\n');
  const servers: RunningHttpServer[] = [];
  let oauth: ProtectedWorld | undefined;
  try {
    const [http, sse, guarded] = await Promise.all([
      startEverything('streamableHttp'),
      startEverything('sse'),
      startProtectedWorld(),
    ]);
    oauth = guarded;
    servers.push(http, sse);
    return {
      configPath: join(dirname(fileURLToPath(import.meta.url)), '..', 'mcp_servers.json'),
      env: {
        ...process.env,
        NODE: process.execPath,
        EVERYTHING_BIN: everythingBin(),
        FILESYSTEM_BIN: filesystemBin(),
        OFFICIAL_MODERN_BIN: officialModernServerScript,
        DEMO_DIR: dir,
        DEMO_HTTP_PORT: String(http.port),
        DEMO_SSE_PORT: String(sse.port),
        ...guarded.env,
      },
      expectedToFail: ['broken'],
      pids: servers.map((s) => s.child.pid ?? 0),
      oauth: guarded,
      stop: async () => {
        await Promise.all([...servers.map((s) => s.close()), guarded.stop()]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all([...servers.map((s) => s.close()), oauth?.stop()]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
