import { MCPConnectionError, StdioErrorCode } from '@org/mcp-core';
import { isAlive, waitUntil } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import { stdioClients, textOf } from './support/clients.js';
import { nodeServer } from './support/fixture.js';

const { connected } = stdioClients();

describe('MCPStdioClient when the server hangs up a pipe but keeps running', () => {
  it('stdout closed: the pending call fails at once, the client closes with the reason, the server is reaped', async () => {
    const { client, pid } = await connected(nodeServer('hangUpServer.mjs'), { requestTimeout: 600_000 });
    const closes: unknown[] = [];
    client.on('close', (reason) => closes.push(reason));
    const call = client.callTool('close_stdout').catch((e: unknown) => e);
    await waitUntil(() => client.state === 'closed', 'the client to notice the closed stdout');
    const error = await call;
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: StdioErrorCode.PIPE_CLOSED, serverName: 'node' });
    expect((error as Error).message).toContain('closed its stdout');
    expect(closes).toEqual([error]);
    // disconnect() waits for the stop the transport started: stdin EOF, then SIGTERM.
    await client.disconnect();
    expect(isAlive(pid)).toBe(false);
  });

  it('a write to a closed stdin (EPIPE) fails the call at once, the client closes, the server is reaped', async () => {
    const { client, pid } = await connected(nodeServer('hangUpServer.mjs'), { requestTimeout: 600_000 });
    expect(textOf(await client.callTool('close_stdin'))).toBe('stdin closed');
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    const call = client.callTool('echo', { text: 'into the void' }).catch((e: unknown) => e);
    await waitUntil(() => client.state === 'closed', 'the client to notice the failed write');
    const error = await call;
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: StdioErrorCode.PIPE_CLOSED });
    expect((error as Error).message).toContain('stdin');
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('EPIPE');
    expect(await closed).toBe(error);
    await client.disconnect();
    expect(isAlive(pid)).toBe(false);
  });

  it('a server that dies still reports its exit, not the pipes it closed on the way', async () => {
    const { client, pid } = await connected(nodeServer('crashOnCallServer.mjs'), { requestTimeout: 600_000 });
    const error = await client.callTool('boom').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: StdioErrorCode.SERVER_EXITED, exitCode: 3, startup: false });
    await client.disconnect();
    expect(isAlive(pid)).toBe(false);
  });
});
