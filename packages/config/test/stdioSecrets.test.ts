import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MCPClient, MCPConnectionError, StdioErrorCode } from '@org/mcp-core';
import { MCPClientFactory } from '@org/mcp-factory';
import { captureLogger, isAlive, officialModernServerScript, waitUntil } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMcpConfig } from '../src/index.js';

// The secrets contract end to end: a secret in a variable that cwd and command reference reaches
// neither an error (message, stack, fields, causes) nor a log line of the stdio client; command
// and cwd are named as written. The server is built by the factory from what loadMcpConfig read.
const SECRET = 'S3CRET-stdio-4242';
let base: string;
const clients: MCPClient[] = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mcp-secrets-'));
  const secretDir = join(base, SECRET);
  mkdirSync(secretDir);
  symlinkSync(process.execPath, join(secretDir, 'node'));
  writeFileSync(join(secretDir, 'not-executable'), '#!/bin/sh\n');
  chmodSync(join(secretDir, 'not-executable'), 0o644);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnect()));
  rmSync(base, { recursive: true, force: true });
});

async function clientFor(
  server: Record<string, unknown>,
  logger: ReturnType<typeof captureLogger>['logger'],
) {
  const config = await loadMcpConfig({ mcpServers: { s: server } }, { env: { BASE: base, TOKEN: SECRET } });
  const client = MCPClientFactory.createClient(config.mcpServers.s as never, { name: 's', logger });
  clients.push(client);
  return client;
}

/** An error as anything may show it: message, stack and own fields, down its whole cause chain. */
function shown(error: unknown): string {
  let text = '';
  for (let e: unknown = error; e != null; e = (e as Error).cause)
    text += `${String(e)}\n${(e as Error).stack ?? ''}\n${JSON.stringify(e)}\n`;
  return text;
}

const env = { API_KEY: '${TOKEN}' };

describe('stdio errors and logs through loadMcpConfig and the factory', () => {
  it.each([
    [
      'a cwd that does not exist',
      { command: 'node', cwd: '${BASE}/gone-${TOKEN}', env },
      '"${BASE}/gone-${TOKEN}"',
    ],
    [
      'a command that does not exist',
      { command: '${BASE}/${TOKEN}/no-such-server', args: ['--key=${TOKEN}'], env },
      '"${BASE}/${TOKEN}/no-such-server" was not found',
    ],
    [
      'a command that is not executable',
      { command: '${BASE}/${TOKEN}/not-executable', cwd: '${BASE}/${TOKEN}', env },
      '"${BASE}/${TOKEN}/not-executable" could not be executed',
    ],
  ])('%s: SPAWN_FAILED names it as written', async (_what, server, named) => {
    const { logger, text } = captureLogger();
    const error = await (await clientFor(server, logger)).connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: StdioErrorCode.SPAWN_FAILED });
    expect((error as Error).message).toContain(named);
    expect(shown(error)).not.toContain(SECRET);
    expect(text()).toContain('connect failed');
    expect(text()).not.toContain(SECRET);
  });

  it('a server that fails at startup from a command and cwd holding the secret', async () => {
    const { logger, text } = captureLogger();
    const server = {
      command: '${BASE}/${TOKEN}/node',
      args: ['-e', 'process.stderr.write("no database\\n"); process.exit(3)'],
      cwd: '${BASE}/${TOKEN}',
      env,
    };
    const error = await (await clientFor(server, logger)).connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: StdioErrorCode.SERVER_EXITED, exitCode: 3, startup: true });
    expect(shown(error)).not.toContain(SECRET);
    expect(text()).not.toContain(SECRET);
  });

  it('a server that runs, then is killed: every log line and the close reason stay clean', async () => {
    const { logger, text } = captureLogger();
    const server = {
      command: '${BASE}/${TOKEN}/node',
      args: [officialModernServerScript, 'stdio'],
      cwd: '${BASE}/${TOKEN}',
      env,
    };
    const client = await clientFor(server, logger);
    expect(client.name).toBe('s');
    await client.connect();
    expect(await client.getTools()).not.toHaveLength(0);
    const pid = (client as unknown as { pid: number }).pid;
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    process.kill(pid, 'SIGKILL');
    const reason = await closed;
    expect(reason).toBeInstanceOf(MCPConnectionError);
    expect(reason).toMatchObject({ code: StdioErrorCode.SERVER_EXITED, signal: 'SIGKILL' });
    await client.disconnect();
    await waitUntil(() => !isAlive(pid), 'the killed server to be reaped');
    expect(shown(reason)).not.toContain(SECRET);
    expect(text()).toContain('server process started');
    expect(text()).not.toContain(SECRET);
  });

  it('without a name, the client is named after the command as written', async () => {
    const config = await loadMcpConfig(
      { mcpServers: { s: { command: '${BASE}/${TOKEN}' } } },
      { env: { BASE: base, TOKEN: SECRET } },
    );
    const client = MCPClientFactory.createClient(config.mcpServers.s as never);
    expect(client.name).toBe('${TOKEN}');
  });
});
