import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConfigError } from '@org/mcp-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigErrorCode, loadMcpConfig, parseMcpConfig } from '../src/index.js';

const SECRET = 'sk-live-SECRET-input';
const dir = mkdtempSync(join(tmpdir(), 'mcp-config-partial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('strict: false, one bad entry fails only its own server', () => {
  const config = {
    mcpServers: {
      good: { command: 'node', args: ['a.js'] },
      unset: { command: 'node', env: { TOKEN: '${NOT_SET_ANYWHERE}' } },
      broken: { command: 'node', timeout: 5 },
      remote: { url: 'https://example.test/mcp', headers: { Authorization: 'Bearer ${input:api-key}' } },
    },
  };

  it('loads the others and keeps an error per failed server, naming the field and never a value', () => {
    const loaded = parseMcpConfig(config, { env: {}, strict: false, inputs: { 'api-key': SECRET } });
    expect(Object.keys(loaded.mcpServers)).toEqual(['good', 'remote']);
    expect(Object.keys(loaded.failed ?? {})).toEqual(['unset', 'broken']);
    const unset = loaded.failed?.unset as MCPConfigError;
    expect(unset).toBeInstanceOf(MCPConfigError);
    expect(unset.code).toBe(ConfigErrorCode.CONFIG_VARIABLE_UNSET);
    expect(unset.serverName).toBe('unset');
    expect(unset.issues.map((i) => i.path)).toEqual(['mcpServers.unset.env.TOKEN']);
    expect(unset.message).toContain('NOT_SET_ANYWHERE');
    const broken = loaded.failed?.broken as MCPConfigError;
    expect(broken.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(broken.issues.map((i) => i.path)).toEqual(['mcpServers.broken.timeout']);
    // The input's value went where it was asked for, and nowhere else.
    expect(loaded.mcpServers.remote).toMatchObject({ headers: { Authorization: `Bearer ${SECRET}` } });
    for (const error of Object.values(loaded.failed ?? {}))
      expect(`${error.message} ${error.stack} ${JSON.stringify(error.issues)}`).not.toContain(SECRET);
  });

  it('strict (the default) still refuses the whole config', () => {
    expect(() => parseMcpConfig(config, { env: {} })).toThrow(MCPConfigError);
  });

  it('a problem outside every entry still throws', () => {
    expect(() => parseMcpConfig({ nope: {} }, { strict: false })).toThrow(MCPConfigError);
  });

  it('loadMcpConfig passes strict and inputs through', async () => {
    const file = join(dir, 'mcp.json');
    writeFileSync(file, JSON.stringify(config));
    const loaded = await loadMcpConfig(file, { env: {}, strict: false, inputs: { 'api-key': SECRET } });
    expect(Object.keys(loaded.mcpServers)).toEqual(['good', 'remote']);
    expect(loaded.failed?.broken?.file).toBe(file);
  });
});

describe('VS Code ${input:id}', () => {
  it('takes its value from inputs; one without a value names the id and how to give it', () => {
    const json = { servers: { a: { command: 'x', args: ['--key=${input:api-key}', '${input:other}'] } } };
    expect(() => parseMcpConfig(json, { inputs: { 'api-key': SECRET } })).toThrow(
      /input:other has no value; pass it in the `inputs` option by its id/,
    );
    const loaded = parseMcpConfig(json, { inputs: { 'api-key': SECRET, other: 'o' } });
    expect(loaded.mcpServers.a).toMatchObject({ args: [`--key=${SECRET}`, 'o'] });
  });
});

describe('commands as people write them', () => {
  it('a ./ or ../ command resolves against the config file directory, as cwd does', () => {
    const file = join(dir, 'project', 'mcp.json');
    mkdirSync(join(dir, 'project'), { recursive: true });
    const loaded = parseMcpConfig(
      {
        mcpServers: {
          a: { command: './bin/server' },
          b: { command: '../tools/server' },
          c: { command: 'node' },
        },
      },
      { file },
    );
    expect(loaded.mcpServers.a).toMatchObject({ command: join(dir, 'project', 'bin', 'server') });
    expect(loaded.mcpServers.b).toMatchObject({ command: join(dir, 'tools', 'server') });
    expect(loaded.mcpServers.c).toMatchObject({ command: 'node' });
  });

  it('a command line with no args is a config error that says to move the arguments to args', () => {
    const error = (() => {
      try {
        parseMcpConfig({ mcpServers: { a: { command: 'npx -y some-server' } } });
      } catch (e) {
        return e as MCPConfigError;
      }
    })();
    expect(error?.issues).toEqual([
      {
        path: 'mcpServers.a.command',
        message:
          'holds a program and its arguments but there is no "args"; move the arguments to "args": "command": "npx", "args": ["-y","some-server"]',
      },
    ]);
    // A path may hold spaces; a program with args is fine.
    expect(() => parseMcpConfig({ mcpServers: { a: { command: '/opt/My App/server' } } })).not.toThrow();
    expect(() => parseMcpConfig({ mcpServers: { a: { command: 'npx', args: ['-y', 'x'] } } })).not.toThrow();
  });

  it('the advice is made of the command as written, never of an expanded value', () => {
    expect(() =>
      parseMcpConfig({ mcpServers: { a: { command: '${CMD}' } } }, { env: { CMD: `run ${SECRET}` } }),
    ).toThrow(/^(?![\s\S]*SECRET)[\s\S]*move the arguments to "args"$/);
  });
});
