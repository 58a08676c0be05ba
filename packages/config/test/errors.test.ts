import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConfigError } from '@org/mcp-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_ERROR_CODE, ConfigErrorCode, loadMcpConfig, parseMcpConfig } from '../src/index.js';

const SECRETS = ['sk-live-SECRET-env', 'Bearer hdr-SECRET', 'pw-SECRET-arg', 'tok-SECRET-envfile'];
const env = { API_TOKEN: SECRETS[0], UNUSED: 'x' };

const dir = mkdtempSync(join(tmpdir(), 'mcp-config-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function configErrorOf(run: () => unknown): Promise<MCPConfigError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    const configError = error as MCPConfigError;
    const visible = `${configError.message}\n${JSON.stringify(configError.issues)}\n${String(configError)}`;
    for (const secret of SECRETS) expect(visible).not.toContain(secret);
    return configError;
  }
  throw new Error('expected an MCPConfigError');
}

it('keeps CONFIG_ERROR_CODE, deprecated, as the short names of ConfigErrorCode', () => {
  expect(CONFIG_ERROR_CODE).toEqual({
    NOT_FOUND: ConfigErrorCode.CONFIG_NOT_FOUND,
    READ_FAILED: ConfigErrorCode.CONFIG_READ_FAILED,
    SYNTAX: ConfigErrorCode.CONFIG_SYNTAX,
    INVALID: ConfigErrorCode.CONFIG_INVALID,
    VARIABLE_UNSET: ConfigErrorCode.CONFIG_VARIABLE_UNSET,
  });
});

describe('file errors', () => {
  it('a missing file names its path', async () => {
    const file = join(dir, 'nope', 'mcp.json');
    const error = await configErrorOf(() => loadMcpConfig(file));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_NOT_FOUND);
    expect(error.file).toBe(file);
    expect(error.message).toBe(`No MCP config file (check the path) in ${file}`);
  });

  it('a relative path is reported resolved', async () => {
    const error = await configErrorOf(() => loadMcpConfig('does-not-exist/mcp.json'));
    expect(error.file).toBe(join(process.cwd(), 'does-not-exist/mcp.json'));
  });

  it('a directory is a read failure', async () => {
    const error = await configErrorOf(() => loadMcpConfig(dir));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_READ_FAILED);
    expect(error.message).toBe(
      `Cannot read the MCP config file (EISDIR; check that it is a readable file) in ${dir}`,
    );
  });

  it('a JSON syntax error gives line and column and never the text around it', async () => {
    const file = writeConfig(
      'syntax.json',
      '{\n  "mcpServers": {\n    "api": { "url": "https://h", "headers": { "Authorization": "Bearer hdr-SECRET" } }\n    "x": {}\n  }\n}\n',
    );
    const error = await configErrorOf(() => loadMcpConfig(file));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_SYNTAX);
    expect(error.file).toBe(file);
    expect(error.message).toBe(
      `MCP config is not valid JSON at line 4, column 5: expected "," or "}" after a property value in ${file}`,
    );
  });
});

describe('field errors, each with its exact path and message', () => {
  const cases: [string, unknown, { path: string; message: string }[]][] = [
    [
      'a root that is not an object',
      ['x'],
      [{ path: '(root)', message: 'must be a JSON object with "mcpServers" (or "servers", VS Code)' }],
    ],
    [
      'no servers key',
      { servers_: {} },
      [
        {
          path: 'mcpServers',
          message: 'missing: put the servers under "mcpServers" (or "servers", VS Code)',
        },
      ],
    ],
    [
      'both keys',
      { mcpServers: {}, servers: {} },
      [{ path: 'servers', message: 'given together with "mcpServers"; keep only one' }],
    ],
    [
      'servers not an object',
      { mcpServers: [] },
      [{ path: 'mcpServers', message: 'must be an object of servers by name' }],
    ],
    [
      'an empty server name',
      { mcpServers: { '': { command: 'x' } } },
      [{ path: 'mcpServers.', message: 'a server needs a non-empty name' }],
    ],
    [
      'a server that is not an object',
      { mcpServers: { a: 'npx' } },
      [{ path: 'mcpServers.a', message: 'Invalid input: expected object, received string' }],
    ],
    [
      'an invalid URL',
      { mcpServers: { api: { url: 'not a url ${API_TOKEN}' } } },
      [{ path: 'mcpServers.api.url', message: 'not a valid URL; expected http:// or https://' }],
    ],
    [
      'a non-http URL in serverUrl',
      { mcpServers: { api: { serverUrl: 'ftp://h/x' } } },
      [{ path: 'mcpServers.api.serverUrl', message: 'not a valid URL; expected http:// or https://' }],
    ],
    [
      'a seed SSE server whose command is no URL',
      { mcpServers: { api: { transport: 'sse', command: 'npx' } } },
      [{ path: 'mcpServers.api.command', message: 'not a valid URL; expected http:// or https://' }],
    ],
    [
      'neither command nor url',
      { mcpServers: { a: { args: ['x'] } } },
      [{ path: 'mcpServers.a', message: 'needs "command" (a local server) or "url" (a remote server)' }],
    ],
    [
      'a stdio server with only a URL',
      { mcpServers: { a: { type: 'stdio', url: 'https://h' } } },
      [
        {
          path: 'mcpServers.a.command',
          message: 'required for a stdio server; for a remote server declare "type": "http" or "sse"',
        },
      ],
    ],
    [
      'an http server without url',
      { servers: { a: { type: 'http' } } },
      [{ path: 'servers.a.url', message: 'required for a remote (http) server' }],
    ],
    [
      'enabled: false and disabled: false',
      { mcpServers: { a: { command: 'x', enabled: false, disabled: false } } },
      [
        {
          path: 'mcpServers.a.disabled',
          message: 'contradicts "enabled": false; keep only one of "enabled" and "disabled"',
        },
      ],
    ],
    [
      'enabled: true and disabled: true',
      { mcpServers: { a: { command: 'x', enabled: true, disabled: true } } },
      [
        {
          path: 'mcpServers.a.disabled',
          message: 'contradicts "enabled": true; keep only one of "enabled" and "disabled"',
        },
      ],
    ],
    [
      'type and transport disagree',
      { mcpServers: { a: { url: 'https://h', transport: 'sse', type: 'streamable-http' } } },
      [{ path: 'mcpServers.a.type', message: 'means http but "transport" means sse; keep only one' }],
    ],
    [
      'url and serverUrl together',
      { mcpServers: { a: { url: 'https://h', serverUrl: 'https://h' } } },
      [{ path: 'mcpServers.a.serverUrl', message: 'given together with "url"; keep only one' }],
    ],
    [
      'an unknown transport',
      { mcpServers: { a: { url: 'https://h', type: 'websocket' } } },
      [
        {
          path: 'mcpServers.a.type',
          message:
            'Invalid option: expected one of "stdio"|"sse"|"http"|"streamable-http"|"streamableHttp"|"streamable_http"',
        },
      ],
    ],
    [
      'a timeout in seconds (Cline)',
      { mcpServers: { a: { command: 'x', timeout: 60 } } },
      [
        {
          path: 'mcpServers.a.timeout',
          message:
            'must be at least 1000: timeouts are in milliseconds (Cline writes seconds; multiply by 1000)',
        },
      ],
    ],
    [
      'a fractional connectTimeout',
      { mcpServers: { a: { command: 'x', connectTimeout: 1500.5 } } },
      [{ path: 'mcpServers.a.connectTimeout', message: 'must be a whole number of milliseconds' }],
    ],
    [
      'a timeout a Node timer cannot hold',
      { mcpServers: { a: { command: 'x', timeout: 2 ** 31 } } },
      [{ path: 'mcpServers.a.timeout', message: 'must be at most 2147483647 milliseconds' }],
    ],
    [
      'wrong types, each listed',
      { mcpServers: { a: { command: 'x', args: 'pw-SECRET-arg', env: { K: { v: 1 } }, inheritEnv: 'yes' } } },
      [
        { path: 'mcpServers.a.args', message: 'Invalid input: expected array, received string' },
        { path: 'mcpServers.a.env.K', message: 'expected a string, number or boolean' },
        { path: 'mcpServers.a.inheritEnv', message: 'Invalid input: expected boolean, received string' },
      ],
    ],
    [
      'a bad header name and a header value with a line break',
      {
        mcpServers: {
          a: { url: 'https://h', headers: { 'Bad Header': 'v', Authorization: 'Bearer hdr-SECRET\r\nX: 1' } },
        },
      },
      [
        { path: 'mcpServers.a.headers.Bad Header', message: 'not a valid HTTP header name' },
        {
          path: 'mcpServers.a.headers.Authorization',
          message: 'contains a line break or NUL character, which HTTP headers cannot carry',
        },
      ],
    ],
    [
      'a VS Code input variable',
      { servers: { a: { url: 'https://h', headers: { Authorization: 'Bearer ${input:api-key}' } } } },
      [
        {
          path: 'servers.a.headers.Authorization',
          message:
            'server "a": VS Code input variable input:api-key has no value; pass it in the `inputs` option by its id, or put the value in an environment variable and write ${env:NAME}',
        },
      ],
    ],
    [
      'a malformed reference',
      { mcpServers: { a: { command: 'x', args: ['--token=${API_TOKEN'] } } },
      [
        {
          path: 'mcpServers.a.args.0',
          message:
            'server "a": malformed variable reference at character 9; write ${NAME}, ${NAME:-default} or ${env:NAME}, or $${ for a literal ${',
        },
      ],
    ],
    [
      'problems in several servers, all listed',
      { mcpServers: { a: { url: 'nope' }, b: { command: 'x', enabled: 'no' }, c: { command: 'fine' } } },
      [
        { path: 'mcpServers.a.url', message: 'not a valid URL; expected http:// or https://' },
        { path: 'mcpServers.b.enabled', message: 'Invalid input: expected boolean, received string' },
      ],
    ],
  ];

  for (const [name, json, issues] of cases) {
    it(name, async () => {
      const error = await configErrorOf(() => parseMcpConfig(json, { env }));
      expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
      expect(error.issues).toEqual(issues);
      for (const issue of issues) expect(error.message).toContain(`  - ${issue.path}: ${issue.message}`);
    });
  }

  it('names the server when only one is at fault', async () => {
    const error = await configErrorOf(() => parseMcpConfig({ mcpServers: { api: { url: 'x' } } }, { env }));
    expect(error.serverName).toBe('api');
    const several = await configErrorOf(() =>
      parseMcpConfig({ mcpServers: { a: { url: 'x' }, b: { url: 'y' } } }),
    );
    expect(several.serverName).toBeUndefined();
  });
});

describe('unset variables', () => {
  it('name the file, the server, the field path and the variable, never a value', async () => {
    const file = writeConfig(
      'unset.json',
      JSON.stringify({
        mcpServers: {
          api: {
            url: 'https://h/mcp',
            headers: { Authorization: 'Bearer ${MISSING_TOKEN}', 'X-Key': '${API_TOKEN}' },
          },
          fs: { command: 'npx', args: ['--pass=pw-SECRET-arg', '${env:DATA_DIR}'] },
        },
      }),
    );
    const error = await configErrorOf(() => loadMcpConfig(file, { env }));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_VARIABLE_UNSET);
    expect(error.file).toBe(file);
    expect(error.issues).toEqual([
      {
        path: 'mcpServers.api.headers.Authorization',
        message:
          'server "api": variable MISSING_TOKEN is not set; set it, or give a default with ${MISSING_TOKEN:-default}',
      },
      {
        path: 'mcpServers.fs.args.1',
        message:
          'server "fs": variable DATA_DIR is not set; set it, or give a default with ${DATA_DIR:-default}',
      },
    ]);
    expect(error.message.split('\n')[0]).toBe(`MCP config refers to unset variables in ${file}`);
  });

  it('an unset variable mixed with another problem is CONFIG_INVALID', async () => {
    const error = await configErrorOf(() =>
      parseMcpConfig({ mcpServers: { a: { command: '${NOPE}' }, b: { url: 'bad' } } }, { env }),
    );
    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(error.issues.map((i) => i.path)).toEqual(['mcpServers.a.command', 'mcpServers.b.url']);
  });

  it('${workspaceFolder} is only defined when there is a file', async () => {
    const error = await configErrorOf(() =>
      parseMcpConfig({ servers: { a: { command: 'x', cwd: '${workspaceFolder}' } } }),
    );
    expect(error.issues[0]?.path).toBe('servers.a.cwd');
    expect(error.issues[0]?.message).toContain('variable workspaceFolder is not set');
  });
});

describe('envFile errors', () => {
  it('a missing envFile names its resolved path', async () => {
    const file = writeConfig(
      'envfile-missing.json',
      JSON.stringify({ servers: { a: { command: 'x', envFile: 'missing.env' } } }),
    );
    const error = await configErrorOf(() => loadMcpConfig(file, { env }));
    expect(error.issues).toEqual([
      { path: 'servers.a.envFile', message: `file not found: ${join(dir, 'missing.env')}` },
    ]);
  });

  it('a line that is not KEY=VALUE is named by number, not content; values in it expand', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'bad.env'), 'GOOD=1\ntok-SECRET-envfile\nLATER=${NOT_SET}\n');
    const file = writeConfig(
      'envfile-bad.json',
      JSON.stringify({ servers: { a: { command: 'x', envFile: 'sub/bad.env' } } }),
    );
    const error = await configErrorOf(() => loadMcpConfig(file, { env }));
    const envFile = join(dir, 'sub', 'bad.env');
    expect(error.issues).toEqual([
      { path: 'servers.a.envFile', message: `line 2 of ${envFile} is not KEY=VALUE` },
      {
        path: 'servers.a.envFile',
        message: `server "a": LATER in ${envFile}: variable NOT_SET is not set; set it, or give a default with \${NOT_SET:-default}`,
      },
    ]);
  });

  it('parseMcpConfig without a reader says how to read an envFile', async () => {
    const error = await configErrorOf(() =>
      parseMcpConfig({ servers: { a: { command: 'x', envFile: '.env' } } }, { env }),
    );
    expect(error.issues).toEqual([
      {
        path: 'servers.a.envFile',
        message: 'cannot be read by parseMcpConfig alone; use loadMcpConfig or pass readEnvFile',
      },
    ]);
  });

  it('an envFile path with an unset variable is reported once', async () => {
    const error = await configErrorOf(() =>
      loadMcpConfig(
        { servers: { a: { command: 'x', envFile: '${NOPE}/.env' } } },
        { env, file: join(dir, 'x.json') },
      ),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['servers.a.envFile']);
  });
});
