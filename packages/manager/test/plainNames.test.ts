import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManagerErrorCode } from '@org/mcp-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPConnectionManager } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
/** Names that are also properties of every plain object. */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

/** A config file (JSON keeps `__proto__` an ordinary key) with one server per name, tools named alike. */
function configFile(): string {
  const mcpServers = Object.fromEntries(
    NAMES.map((name) => [
      name,
      { command: process.execPath, args: [toolServer], env: { TOOLS: `echo,${name}` } },
    ]),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'mcp-names-')), 'mcp_servers.json');
  writeFileSync(file, JSON.stringify({ mcpServers }));
  return file;
}

const own = (record: object) => Object.keys(record).sort();

describe('servers and tools named like Object.prototype properties', () => {
  it('are ordinary names in every record the manager returns, and calls reach them', async () => {
    const m = new MCPConnectionManager({ toolNaming: 'prefix-on-collision' });
    managers.push(m);
    await m.initialize(configFile());
    const connected = await m.connectAllEnabled();
    expect(own(connected)).toEqual([...NAMES].sort());
    expect(Object.values(connected)).toEqual(NAMES.map(() => true));

    const status = await m.getServerStatus();
    expect(own(status)).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(status[name], name).toMatchObject({ state: 'connected', toolCount: 2 });

    const health = await m.healthCheckAll();
    expect(own(health)).toEqual([...NAMES].sort());
    expect(Object.values(health)).toEqual(NAMES.map(() => true));

    // Each server's own tool keeps its bare name (no other server offers it); `echo` is shared, so prefixed.
    const names = (await m.listTools()).map((tool) => tool.qualifiedName).sort();
    expect(names).toEqual([...NAMES, ...NAMES.map((name) => `${name}__echo`)].sort());
    for (const name of NAMES) {
      const result = await m.callTool(name, { x: 1 });
      expect(result.content[0], name).toMatchObject({ text: expect.stringContaining(`${name}:{"x":1}`) });
      expect((await m.getClient(name)).serverInfo?.name).toBe('tool-server');
    }
    await expect(m.callTool('valueOf')).rejects.toMatchObject({ code: ManagerErrorCode.UNKNOWN_TOOL });
    await expect(m.getClient('valueOf')).rejects.toMatchObject({ code: ManagerErrorCode.UNKNOWN_SERVER });

    await m.removeServer('__proto__');
    expect(own(await m.getServerStatus())).toEqual(['constructor', 'hasOwnProperty', 'toString']);
    expect((await m.listTools()).map((tool) => tool.qualifiedName)).not.toContain('__proto__');
  });
});
