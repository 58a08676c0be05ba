import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConfigError } from '@org/mcp-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigErrorCode, loadMcpConfig, parseMcpConfig } from '../src/index.js';

// Node's spawn refuses NUL in command, args, cwd and env, and its error quotes the value: these
// must be config errors that name the field, never the value.
const SECRET = 'sk-live-SECRET';
const env = { TOKEN: `${SECRET}\r\nX-Injected: 1`, NUL_TOKEN: `${SECRET}\0tail` };

const dir = mkdtempSync(join(tmpdir(), 'mcp-config-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(json: unknown): MCPConfigError {
  try {
    parseMcpConfig(json, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    const visible = `${String(error)}${JSON.stringify((error as MCPConfigError).issues)}`;
    expect(visible).not.toContain(SECRET);
    return error as MCPConfigError;
  }
  throw new Error('expected an MCPConfigError');
}

describe('NUL, CR and LF in strings that reach a spawn or a header', () => {
  const envCases: [string, Record<string, string>, string][] = [
    ['a NUL written in an env value', { API_KEY: `${SECRET}\0x` }, 'env.API_KEY'],
    ['a NUL from an expanded variable', { API_KEY: 'Bearer ${NUL_TOKEN}' }, 'env.API_KEY'],
  ];
  for (const [name, values, field] of envCases) {
    it(name, () => {
      const error = configError({ mcpServers: { api: { command: 'node', env: values } } });
      expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
      expect(error.serverName).toBe('api');
      expect(error.issues).toEqual([
        {
          path: `mcpServers.api.${field}`,
          message: 'contains a NUL character, which no environment can carry',
        },
      ]);
    });
  }

  it('CR and LF in an env value, written or from a variable, are kept byte for byte', () => {
    const config = parseMcpConfig(
      { mcpServers: { api: { command: 'node', env: { WRITTEN: 'a\r\nb\nc', EXPANDED: '${TOKEN}' } } } },
      { env },
    );
    expect(config.mcpServers.api).toMatchObject({
      env: { WRITTEN: 'a\r\nb\nc', EXPANDED: `${SECRET}\r\nX-Injected: 1` },
    });
  });

  it('an env name with a NUL or line break is named escaped', () => {
    const error = configError({
      mcpServers: { api: { command: 'node', env: { 'A\0B': '1', 'C\nD': '2' } } },
    });
    expect(error.issues).toEqual([
      { path: 'mcpServers.api.env."A\\u0000B"', message: 'the name contains a NUL, CR or LF character' },
      { path: 'mcpServers.api.env."C\\nD"', message: 'the name contains a NUL, CR or LF character' },
    ]);
  });

  it('a server name or a key with a line break is named escaped, so every issue stays one line', () => {
    const error = configError({ mcpServers: { 'a\nb': { command: '${NOPE}', env: { 'K\r': { v: 1 } } } } });
    expect(error.issues).toEqual([
      { path: 'mcpServers."a\\nb".env."K\\r"', message: 'expected a string, number or boolean' },
    ]);
    const unset = configError({ mcpServers: { 'a\nb': { command: '${NOPE}' } } });
    expect(unset.issues).toEqual([
      {
        path: 'mcpServers."a\\nb".command',
        message: 'server "a\\nb": variable NOPE is not set; set it, or give a default with ${NOPE:-default}',
      },
    ]);
  });

  it('a NUL in command, args or cwd, written or expanded', () => {
    const error = configError({
      mcpServers: {
        fs: { command: 'node\0', args: ['ok', '--token=${NUL_TOKEN}'], cwd: '/tmp/${NUL_TOKEN}' },
      },
    });
    expect(error.issues).toEqual([
      { path: 'mcpServers.fs.command', message: 'contains a NUL character' },
      { path: 'mcpServers.fs.args.1', message: 'contains a NUL character' },
      { path: 'mcpServers.fs.cwd', message: 'contains a NUL character' },
    ]);
  });

  it('line breaks in args, command and cwd are left to the server (Node passes them)', () => {
    const config = parseMcpConfig(
      { mcpServers: { fs: { command: 'node', args: ['-e', 'a\nb'], cwd: '/tmp' } } },
      { env },
    );
    expect(config.mcpServers.fs).toMatchObject({ args: ['-e', 'a\nb'] });
  });

  it('a header value that gets a line break from a variable', () => {
    const error = configError({
      mcpServers: { api: { url: 'https://h/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } } },
    });
    expect(error.issues).toEqual([
      {
        path: 'mcpServers.api.headers.Authorization',
        message: 'contains a line break or NUL character, which HTTP headers cannot carry',
      },
    ]);
  });

  it('a header name with a line break is named escaped', () => {
    const error = configError({ mcpServers: { api: { url: 'https://h/mcp', headers: { 'X\r\nY': '1' } } } });
    expect(error.issues).toEqual([
      { path: 'mcpServers.api.headers."X\\r\\nY"', message: 'not a valid HTTP header name' },
    ]);
  });

  it('a NUL in an envFile path or value', async () => {
    writeFileSync(join(dir, 'nul.env'), `GOOD=1\nAPI_KEY="${SECRET}\0x"\n`);
    const file = join(dir, 'mcp.json');
    const json = {
      servers: { a: { command: 'x', envFile: 'nul.env' }, b: { command: 'x', envFile: '${NUL_TOKEN}.env' } },
    };
    try {
      await loadMcpConfig(json, { env, file });
      throw new Error('expected an MCPConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(MCPConfigError);
      expect(String(error)).not.toContain(SECRET);
      expect((error as MCPConfigError).issues).toEqual([
        {
          path: 'servers.a.envFile',
          message: `API_KEY in ${join(dir, 'nul.env')}: contains a NUL character`,
        },
        { path: 'servers.b.envFile', message: 'contains a NUL character' },
      ]);
    }
  });
});
