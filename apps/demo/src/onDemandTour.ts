import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConnectionManager, type ServerStateChange } from '@org/mcp-manager';

/** Long enough for the demo's calls to land inside it, short enough to watch. */
const IDLE_MS = 1_000;

/**
 * One server on demand, with its own manager and catalog file: connectAllEnabled leaves it `lazy` (started once,
 * to fill its catalog entry, then stopped when idle), its tools are listed while it is stopped, its first call
 * starts it, and it stops again after IDLE_MS idle. Returns what went wrong, or undefined.
 */
export async function onDemandTour(
  everything: { command: string; args: string[] },
  say: (line: string) => void,
): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-demo-catalog-'));
  const manager = new MCPConnectionManager({ catalogPath: join(dir, 'catalog.json') });
  const events: ServerStateChange[] = [];
  const stopped = () =>
    new Promise<void>((resolve) => {
      const seen = (e: ServerStateChange) => {
        if (e.state !== 'lazy' || e.reason !== 'idle') return;
        manager.off('serverStateChanged', seen);
        resolve();
      };
      manager.on('serverStateChanged', seen);
    });
  manager.on('serverStateChanged', (e) => {
    events.push(e);
    if (e.reason) say(`  ${e.server}: ${e.previous} → ${e.state} (${e.reason})`);
  });
  try {
    say(`\nOne server on demand (start: "lazy", idleTimeout: ${IDLE_MS} ms):`);
    await manager.initialize({
      mcpServers: { ondemand: { ...everything, start: 'lazy', idleTimeout: IDLE_MS } },
    });
    const firstIdle = stopped();
    say(`  connectAllEnabled(): ${JSON.stringify(await manager.connectAllEnabled())}`);
    await firstIdle;
    const status = (await manager.getServerStatus()).ondemand;
    const tools = await manager.listTools();
    say(`  stopped (${status?.state}), yet listTools() has its ${tools.length} tools from the catalog`);
    const secondIdle = stopped();
    const result = await manager.callTool('ondemand__echo', { message: 'started by this call' });
    const text = (result.content[0] as { text?: string } | undefined)?.text ?? '';
    say(`  callTool('ondemand__echo') → ${text}`);
    await secondIdle;
    const byCall = events.some((e) => e.state === 'connecting' && e.reason === 'call');
    if (!byCall || tools.length === 0 || result.isError)
      return 'the on-demand server did not start on its call';
    return undefined;
  } finally {
    await manager.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
