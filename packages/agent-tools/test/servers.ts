import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPConnectionManager } from '@org/mcp-manager';
import { everythingBin, filesystemBin, officialModernServerScript } from '@org/test-utils';

const require = createRequire(import.meta.url);
const memoryBin = join(
  dirname(require.resolve('@modelcontextprotocol/server-memory/package.json')),
  'dist/index.js',
);
export const schemaServer = fileURLToPath(new URL('./fixtures/schemaServer.mjs', import.meta.url));
export const awkwardToolsFile = fileURLToPath(new URL('./fixtures/awkwardTools.json', import.meta.url));

/** The corpus: the official servers from npm and the 2.x fixture, installed, over stdio. */
export const CORPUS = ['everything', 'filesystem', 'memory', 'official'] as const;

export interface Servers {
  manager: MCPConnectionManager;
  /** A folder server-filesystem serves (its tool descriptions do not name it). */
  folder: string;
  close(): Promise<void>;
}

/**
 * A manager with the corpus servers and the awkward-schema server (`awkward`), all connected. Tool names are
 * the manager's qualified names (`everything__echo`).
 */
export async function startServers(): Promise<Servers> {
  const scratch = mkdtempSync(join(tmpdir(), 'agent-tools-'));
  const manager = new MCPConnectionManager();
  const node = (args: string[], env: Record<string, string> = {}) => ({
    transport: 'stdio' as const,
    command: process.execPath,
    args,
    env,
  });
  await manager.initialize({
    mcpServers: {
      everything: node([everythingBin(), 'stdio']),
      filesystem: node([filesystemBin(), scratch]),
      memory: node([memoryBin], { MEMORY_FILE_PATH: join(scratch, 'memory.jsonl') }),
      official: node([officialModernServerScript, 'stdio']),
      awkward: node([schemaServer], { TOOLS_FILE: awkwardToolsFile }),
    },
  });
  const connected = await manager.connectAllEnabled();
  const failed = Object.entries(connected).filter(([, ok]) => !ok);
  if (failed.length > 0)
    throw new Error(`servers did not connect: ${failed.map(([name]) => name).join(', ')}`);
  return {
    manager,
    folder: scratch,
    close: async () => {
      await manager.shutdown();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The 2.x fixture's counts of `wait_for_cancel` calls started and cancelled, asked through the manager. */
export async function cancellationCounts(
  manager: MCPConnectionManager,
): Promise<{ started: number; cancelled: number }> {
  const result = await manager.callTool('official__cancellations');
  return JSON.parse(result.content[0]?.text as string);
}
