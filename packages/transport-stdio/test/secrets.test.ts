import { StdioErrorCode } from '@org/mcp-core';
import { captureLogger } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import { stdioClients } from './support/clients.js';

const SECRET = 'S3CRET-direct-77';
const { client } = stdioClients();

/** Everything a connect failure shows: the error as the client logged it (message, stack, fields, causes). */
async function connectFailure(config: Parameters<typeof client>[0]) {
  const { logger, text } = captureLogger();
  const error = await client(config, { logger })
    .connect()
    .catch((e: unknown) => e);
  expect(text()).toContain('connect failed');
  return { error: error as Error & { cause?: NodeJS.ErrnoException }, text: text() };
}

describe('MCPStdioClient errors never show a configured secret', () => {
  it('names command and cwd as written when given, and takes its default name from the written command', async () => {
    const { error, text } = await connectFailure({
      command: `/no/such/${SECRET}/server`,
      args: [`--token=${SECRET}`],
      asWritten: { command: '/no/such/${TOKEN}/server' },
    });
    expect(error).toMatchObject({ code: StdioErrorCode.SPAWN_FAILED, serverName: 'server' });
    expect(error.message).toContain('"/no/such/${TOKEN}/server" was not found');
    expect(error.cause).toMatchObject({ code: 'ENOENT', syscall: 'spawn' });
    expect(text).not.toContain(SECRET);

    const cwd = await connectFailure({
      command: 'node',
      cwd: `/no/${SECRET}`,
      asWritten: { cwd: '/no/${TOKEN}' },
    });
    expect(cwd.error.message).toContain('"/no/${TOKEN}" does not exist');
    expect(cwd.text).not.toContain(SECRET);
  });

  it('keeps only the code of a Node error that quotes an env value (spawn refuses a NUL in one)', async () => {
    const { error, text } = await connectFailure({ command: 'node', env: { API_KEY: `${SECRET}\0` } });
    expect(error).toMatchObject({ code: StdioErrorCode.SPAWN_FAILED });
    expect(error.message).toContain('ERR_INVALID_ARG_VALUE');
    expect(error.cause?.code).toBe('ERR_INVALID_ARG_VALUE');
    expect(text).not.toContain(SECRET);
  });
});
