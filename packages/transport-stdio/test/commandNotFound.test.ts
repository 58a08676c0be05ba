import { delimiter } from 'node:path';
import { StdioErrorCode, type StdioServerConfig } from '@org/mcp-core';
import { captureLogger } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import { MCPStdioClient } from '../src/index.js';

const SECRET = 'sk-SECRET-path-value';

async function notFound(config: StdioServerConfig): Promise<{ message: string; logs: string }> {
  const { logger, text } = captureLogger();
  const error = await new MCPStdioClient(config, { logger }).connect().then(
    () => undefined,
    (e: unknown) => e as Error & { code?: string },
  );
  expect(error?.code).toBe(StdioErrorCode.SPAWN_FAILED);
  return { message: error?.message ?? '', logs: text() };
}

describe('a command that is not found', () => {
  it('names the PATH directories searched and the folder', async () => {
    const { message } = await notFound({ command: 'no-such-mcp-command-xyz', cwd: '/tmp' });
    const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean).slice(0, 20);
    expect(message).toContain(`was not found on the PATH the server gets (${dirs.join(delimiter)}`);
    expect(message).toContain('from folder /tmp');
  });

  it('a path names the file looked for, from the server folder', async () => {
    const { message } = await notFound({ command: './bin/nothing-here', cwd: '/tmp' });
    expect(message).toContain('there is no file /tmp/bin/nothing-here');
  });

  it('a PATH the config sets is not shown: env values are secrets', async () => {
    const { message, logs } = await notFound({
      command: 'no-such-mcp-command-xyz',
      env: { PATH: `/opt/${SECRET}` },
    });
    expect(message).toContain('set in its "env"; not shown');
    expect(`${message}\n${logs}`).not.toContain(SECRET);
  });

  it('a command with spaces is told to move its arguments to args', async () => {
    const { message } = await notFound({ command: '/opt/no such/server --port 3' });
    expect(message).toContain(
      'If "/opt/no such/server --port 3" holds the program\'s arguments, move them to "args".',
    );
  });
});
