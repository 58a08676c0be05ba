import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureLogger, everythingBin } from '@org/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, MCPConfigError, MCPConnectionManager } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SECRET = 'sk-live-SECRET-in-env';
/** `${name}` as a config writes it. */
const ref = (name: string) => `\${${name}}`;
const dir = mkdtempSync(join(tmpdir(), 'mcp-manager-config-'));
const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A config file in its own folder: `catalog` is started as `./servers/catalog.mjs`, relative to that folder. */
function writeConfig(servers: Record<string, unknown>): string {
  const folder = mkdtempSync(join(dir, 'project-'));
  mkdirSync(join(folder, 'servers'));
  copyFileSync(join(fixtures, 'featureServer.mjs'), join(folder, 'servers', 'catalog.mjs'));
  chmodSync(join(folder, 'servers', 'catalog.mjs'), 0o755);
  const file = join(folder, 'mcp.json');
  writeFileSync(file, JSON.stringify({ mcpServers: servers }));
  return file;
}

const servers = {
  everything: { command: process.execPath, args: [everythingBin(), 'stdio'] },
  catalog: { command: './servers/catalog.mjs' },
  needsKey: {
    command: process.execPath,
    args: [join(fixtures, 'toolServer.mjs')],
    env: { API_KEY: ref('MCP_TEST_UNSET_KEY') },
  },
  tools: {
    command: process.execPath,
    args: [join(fixtures, 'toolServer.mjs')],
    env: { TOOLS: 'echo', TOKEN: ref('MCP_TEST_TOKEN') },
  },
};

describe('a config that one bad entry does not sink', () => {
  it('an entry with an unset variable fails alone, naming the field; the three others connect', async () => {
    const { logger, text } = captureLogger();
    const m = new MCPConnectionManager({ logger });
    managers.push(m);
    const errors: string[] = [];
    m.on('serverError', ({ name }) => errors.push(name));
    process.env.MCP_TEST_TOKEN = SECRET;
    try {
      await m.initialize(writeConfig(servers));
    } finally {
      delete process.env.MCP_TEST_TOKEN;
    }
    expect(await m.connectAllEnabled()).toEqual({
      everything: true,
      catalog: true,
      tools: true,
      needsKey: false,
    });
    const status = await m.getServerStatus();
    expect(status.needsKey).toMatchObject({ state: 'failed', connected: false });
    expect(status.needsKey?.lastError?.code).toBe(ErrorCode.CONFIG_VARIABLE_UNSET);
    expect(status.needsKey?.lastError?.message).toContain('mcpServers.needsKey.env.API_KEY');
    expect(status.needsKey?.lastError?.message).toContain('MCP_TEST_UNSET_KEY');
    expect(errors).toContain('needsKey');
    const connect = await m.connectServer('needsKey').catch((e: unknown) => e);
    expect(connect).toBeInstanceOf(MCPConfigError);
    // The relative command ran from the config's folder, whatever this process's cwd.
    expect(status.catalog?.serverInfo?.name).toBe('catalog-server');
    expect(`${JSON.stringify(status)}\n${text()}`).not.toContain(SECRET);
  });

  it('strict: true keeps the all-or-nothing load', async () => {
    const m = new MCPConnectionManager();
    managers.push(m);
    const error = await m.initialize(writeConfig(servers), { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as MCPConfigError).issues.map((i) => i.path)).toEqual([
      'mcpServers.needsKey.env.API_KEY',
      'mcpServers.tools.env.TOKEN',
    ]);
    expect(await m.getServerStatus()).toEqual({});
  });

  it("VS Code's input variables take its value from the inputs option", async () => {
    const m = new MCPConnectionManager();
    managers.push(m);
    const file = writeConfig({ tools: { ...servers.tools, env: { TOOLS: ref('input:tools') } } });
    await m.initialize(file, { inputs: { tools: 'from_input' } });
    await m.connectAllEnabled();
    expect((await m.listTools()).map((t) => t.qualifiedName)).toEqual(['tools__from_input']);
  });
});
