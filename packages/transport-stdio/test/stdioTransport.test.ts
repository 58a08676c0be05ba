import { MCPConnectionError, StdioErrorCode } from '@org/mcp-core';
import { isAlive, waitUntil } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import { StdioTransport } from '../src/index.js';
import { fixture } from './support/fixture.js';
import { processGroups } from './support/processGroups.js';

const groups = processGroups();
const transports: StdioTransport[] = [];

function echoTransport(): StdioTransport {
  const transport = new StdioTransport({ command: process.execPath, args: [fixture('echoServer.mjs')] });
  transports.push(transport);
  return transport;
}

groups.stopAfterEach(() => Promise.all(transports.splice(0).map((t) => t.close())));

describe('StdioTransport', () => {
  it('moves JSON-RPC lines both ways and closes once, without a reason, on its own close', async () => {
    const transport = echoTransport();
    const received: unknown[] = [];
    const closes: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    transport.onclose = (reason) => closes.push(reason);
    await transport.start();
    const pid = groups.add(transport.pid);
    expect(transport.isAlive()).toBe(true);
    const answered = new Promise<void>((resolve) => {
      transport.onmessage = (message) => {
        received.push(message);
        resolve();
      };
    });
    await transport.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
    await answered;
    expect(received).toEqual([{ jsonrpc: '2.0', id: 7, result: {} }]);
    await Promise.all([transport.close(), transport.close()]);
    expect(closes).toEqual([undefined]);
    expect(transport.isAlive()).toBe(false);
    expect(isAlive(pid)).toBe(false);
    await expect(transport.send({ jsonrpc: '2.0', method: 'x' })).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
    });
    await expect(transport.start()).rejects.toMatchObject({ code: 'ALREADY_STARTED' });
  });

  it('reports the stderr tail as diagnostics', async () => {
    const transport = echoTransport();
    expect(transport.diagnostics()).toBeUndefined();
    const answered = new Promise<void>((resolve) => {
      transport.onmessage = () => resolve();
    });
    await transport.start();
    groups.add(transport.pid);
    await transport.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'stderr', arguments: { text: 'diagnostic line' } },
    });
    await answered;
    // stderr is another pipe: its line may arrive after the answer on stdout.
    await waitUntil(() => transport.diagnostics() !== undefined, 'the stderr line');
    expect(transport.diagnostics()).toBe('diagnostic line');
  });

  it('a send once the server has exited fails with its exit (code, stderr tail), not a bare TRANSPORT_CLOSED', async () => {
    const transport = new StdioTransport({
      command: process.execPath,
      args: [fixture('exitBeforeHandshakeServer.mjs')],
    });
    transports.push(transport);
    const closed = new Promise<unknown>((resolve) => {
      transport.onclose = resolve;
    });
    await transport.start();
    groups.add(transport.pid);
    const reason = await closed;
    expect(reason).toMatchObject({ code: StdioErrorCode.SERVER_EXITED, exitCode: 2, startup: true });
    await expect(transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toBe(reason);
  });

  it('can be closed before it was started, and then cannot start', async () => {
    const transport = echoTransport();
    await transport.close();
    await expect(transport.start()).rejects.toBeInstanceOf(MCPConnectionError);
    expect(transport.pid).toBeUndefined();
  });

  it('does not start when the signal is already aborted', async () => {
    const transport = echoTransport();
    const controller = new AbortController();
    controller.abort(new Error('cancelled early'));
    await expect(transport.start({ signal: controller.signal })).rejects.toThrow('cancelled early');
    expect(transport.pid).toBeUndefined();
  });
});
