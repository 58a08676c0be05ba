import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConfigError } from '@org/mcp-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigErrorCode, loadMcpConfig } from '../src/index.js';

// The config file and every envFile: read asynchronously, regular files only, bounded; a failure
// names the path as written and keeps Node's code, never Node's error.
const dir = mkdtempSync(join(tmpdir(), 'mcp-config-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
mkdirSync(join(dir, 'folder'));
const config = join(dir, 'mcp.json');

async function configErrorOf(run: () => Promise<unknown>): Promise<MCPConfigError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    return error as MCPConfigError;
  }
  throw new Error('expected an MCPConfigError');
}

const withEnvFile = (
  envFile: string,
  options: { maxEnvFileSize?: number; env?: Record<string, string> } = {},
) =>
  configErrorOf(() =>
    loadMcpConfig({ servers: { a: { command: 'x', envFile } } }, { file: config, ...options }),
  );

describe('envFile', () => {
  const refused: [string, string, string][] = [
    ['a FIFO, without waiting for a writer', 'fifo', `not a regular file but a FIFO: ${fifo}`],
    ['a device that never ends', '/dev/zero', 'not a regular file but a character device: /dev/zero'],
    ['a directory', 'folder', `could not be read (EISDIR): ${join(dir, 'folder')}`],
  ];
  for (const [name, envFile, message] of refused) {
    it(`refuses ${name}`, async () => {
      const error = await withEnvFile(envFile);
      expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
      expect(error.issues).toEqual([{ path: 'servers.a.envFile', message }]);
    });
  }

  it('names the path as written, not as expanded', async () => {
    const error = await withEnvFile('${DEVICES}/zero', { env: { DEVICES: '/dev' } });
    expect(error.issues).toEqual([
      {
        path: 'servers.a.envFile',
        message: `not a regular file but a character device: ${join(dir, '${DEVICES}/zero')}`,
      },
    ]);
  });

  it('is bounded: 1 MiB by default, maxEnvFileSize otherwise', async () => {
    const big = join(dir, 'big.env');
    writeFileSync(big, 'A=1\n');
    truncateSync(big, 1024 * 1024 + 1);
    const error = await withEnvFile('big.env');
    expect(error.issues).toEqual([
      { path: 'servers.a.envFile', message: `larger than 1048576 bytes (maxEnvFileSize): ${big}` },
    ]);
    const small = join(dir, 'small.env');
    writeFileSync(small, 'A=12345\n');
    const at = await loadMcpConfig(
      { servers: { a: { command: 'x', envFile: 'small.env' } } },
      { file: config, maxEnvFileSize: 8 },
    );
    expect(at.mcpServers.a).toMatchObject({ env: { A: '12345' } });
    const over = await withEnvFile('small.env', { maxEnvFileSize: 7 });
    expect(over.issues[0]?.message).toBe(`larger than 7 bytes (maxEnvFileSize): ${small}`);
  });

  it('a maxEnvFileSize that is no byte count is an error', async () => {
    for (const maxEnvFileSize of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await withEnvFile('small.env', { maxEnvFileSize });
      expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
      expect(error.issues).toEqual([
        { path: 'maxEnvFileSize', message: 'must be a whole number of bytes, at least 0' },
      ]);
    }
  });

  it('is read once when two servers share it, and only for stdio servers', async () => {
    writeFileSync(join(dir, 'shared.env'), 'K=v\n');
    const loaded = await loadMcpConfig(
      {
        servers: {
          a: { command: 'x', envFile: 'shared.env' },
          b: { command: 'y', envFile: 'shared.env' },
          r: { url: 'https://h/mcp', envFile: 'fifo' },
        },
      },
      { file: config },
    );
    expect(loaded.mcpServers.a).toMatchObject({ env: { K: 'v' } });
    expect(loaded.mcpServers.b).toMatchObject({ env: { K: 'v' } });
    expect(loaded.mcpServers.r).not.toHaveProperty('env');
  });
});

describe('the config file', () => {
  it('refuses a FIFO without waiting for a writer', async () => {
    const error = await configErrorOf(() => loadMcpConfig(fifo));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_READ_FAILED);
    expect(error.message).toBe(`Cannot read the MCP config file (not a regular file but a FIFO) in ${fifo}`);
  });

  it('refuses a device', async () => {
    const error = await configErrorOf(() => loadMcpConfig('/dev/zero'));
    expect(error.message).toBe(
      'Cannot read the MCP config file (not a regular file but a character device) in /dev/zero',
    );
  });

  it('is bounded at 64 MiB', async () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '{}');
    truncateSync(huge, 64 * 1024 * 1024 + 1);
    const error = await configErrorOf(() => loadMcpConfig(huge));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_READ_FAILED);
    expect(error.message).toBe(`Cannot read the MCP config file (larger than 67108864 bytes) in ${huge}`);
  });

  it("keeps only Node's code as the cause, not Node's error", async () => {
    const error = await configErrorOf(() => loadMcpConfig(join(dir, 'missing.json')));
    const cause = error.cause as Error & Record<string, unknown>;
    expect({ name: cause.name, message: cause.message, code: cause.code }).toEqual({
      name: 'FileReadError',
      message: 'file not found',
      code: 'ENOENT',
    });
    expect(cause).not.toHaveProperty('syscall');
    expect(cause).not.toHaveProperty('path');
    expect(cause.cause).toBeUndefined();
  });
});
