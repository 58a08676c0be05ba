import {
  HttpErrorCode,
  InMemoryTransport,
  type JSONRPCMessage,
  MCPTransportError,
  type RequestId,
  type Transport,
} from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { DetectingTransport } from './detectingTransport.js';

/** An in-memory transport that aborts requests and cancels by abort, as Streamable HTTP does. */
function abortingTransport(aborted: [RequestId, Error][]): Transport {
  const [transport] = InMemoryTransport.createLinkedPair();
  return Object.assign(transport, {
    cancelsByAbort: true,
    abortRequest: (id: RequestId, reason: Error) => void aborted.push([id, reason]),
  });
}

describe('DetectingTransport', () => {
  it('forwards request aborts and cancel-by-abort to the detected transport, so a timed-out POST is aborted', async () => {
    const aborted: [RequestId, Error][] = [];
    const detecting = new DetectingTransport({
      known: () => 'streamable-http',
      create: () => abortingTransport(aborted),
    });
    expect(detecting.cancelsByAbort).toBeUndefined();
    await expect(detecting.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toMatchObject({
      name: 'MCPConnectionError',
      code: 'TRANSPORT_NOT_STARTED',
    });
    detecting.abortRequest(1, new Error('before start: nothing to abort'));
    await detecting.start();
    expect(detecting.cancelsByAbort).toBe(true);
    const reason = new Error('timed out');
    detecting.abortRequest(7, reason);
    expect(aborted).toEqual([[7, reason]]);
    await detecting.close();
  });

  it('says it waits for a login while the probe does (the auth provider) and then as the detected transport does', async () => {
    let probing = false;
    let inner = false;
    const detecting = new DetectingTransport({
      known: () => 'streamable-http',
      create: () => Object.assign(InMemoryTransport.createLinkedPair()[0], { waitingForUser: () => inner }),
      waitingForUser: () => probing,
    });
    expect(detecting.waitingForUser()).toBe(false);
    probing = true;
    expect(detecting.waitingForUser()).toBe(true);
    probing = false;
    await detecting.start();
    expect(detecting.waitingForUser()).toBe(false);
    inner = true;
    expect(detecting.waitingForUser()).toBe(true);
    await detecting.close();
  });
});

/** A Streamable HTTP stand-in whose POSTs are answered with `status`, and a legacy one that records. */
function candidates(
  status: number,
  sseStart: (signal: AbortSignal | undefined) => Promise<void> = async () => {},
) {
  const sent: string[] = [];
  const refusing = Object.assign(InMemoryTransport.createLinkedPair()[0], {
    send: async (message: JSONRPCMessage) => {
      sent.push(`http ${'method' in message ? message.method : 'response'}`);
      throw new MCPTransportError(HttpErrorCode.HTTP_STATUS, `answered with HTTP ${status}`, { status });
    },
  });
  const legacy = Object.assign(InMemoryTransport.createLinkedPair()[0], {
    start: async (options: { signal?: AbortSignal } = {}) => sseStart(options.signal),
    send: async (message: JSONRPCMessage) =>
      void sent.push(`sse ${'method' in message ? message.method : 'response'}`),
  });
  const detected: string[] = [];
  const detecting = new DetectingTransport({
    known: () => undefined,
    create: (kind) => (kind === 'sse' ? legacy : refusing),
    onDetected: (kind) => void detected.push(kind),
  });
  return { detecting, sent, detected };
}

const initialize: JSONRPCMessage = { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} };

describe('DetectingTransport fallback', () => {
  it.each([400, 404, 405])(
    'sends an initialize refused with %i again over the legacy stream',
    async (status) => {
      const { detecting, sent, detected } = candidates(status);
      await detecting.start();
      await detecting.send(initialize, { requestId: 1 });
      expect(sent).toEqual(['http initialize', 'sse initialize']);
      expect(detected).toEqual(['sse']);
      await detecting.close();
    },
  );

  it('does not fall back on another status, nor on a refused server/discover', async () => {
    const { detecting, sent, detected } = candidates(500);
    await detecting.start();
    await expect(detecting.send(initialize)).rejects.toMatchObject({ status: 500 });
    const other = candidates(400);
    await other.detecting.start();
    await expect(
      other.detecting.send({ jsonrpc: '2.0', id: 2, method: 'server/discover' }),
    ).rejects.toMatchObject({ status: 400 });
    expect([...sent, ...other.sent]).toEqual(['http initialize', 'http server/discover']);
    expect([...detected, ...other.detected]).toEqual([]);
    await Promise.all([detecting.close(), other.detecting.close()]);
  });

  it('stops opening the legacy stream when the initialize waiting for it is aborted (its timeout)', async () => {
    let opening: () => void = () => {};
    const opened = new Promise<void>((resolve) => {
      opening = resolve;
    });
    const { detecting } = candidates(404, (signal) => {
      opening();
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    });
    await detecting.start();
    const sending = detecting.send(initialize, { requestId: 1 });
    await opened;
    const reason = new Error('initialize timed out');
    detecting.abortRequest(1, reason);
    await expect(sending).rejects.toBe(reason);
    await detecting.close();
  });

  it('forgets a remembered legacy transport whose stream no longer opens, and tries Streamable HTTP in the same connect', async () => {
    let stale = 0;
    const made: string[] = [];
    const detected: string[] = [];
    const detecting = new DetectingTransport({
      known: () => (stale ? undefined : 'sse'),
      create: (kind) => {
        made.push(kind);
        const [transport] = InMemoryTransport.createLinkedPair();
        if (kind === 'streamable-http') return transport;
        return Object.assign(transport, {
          start: async () => {
            throw new MCPTransportError(HttpErrorCode.HTTP_STATUS, 'GET answered 405', { status: 405 });
          },
        });
      },
      onStale: () => void stale++,
      onDetected: (kind) => void detected.push(kind),
    });
    await detecting.start();
    expect(stale).toBe(1);
    expect(made).toEqual(['sse', 'streamable-http']);
    expect(detecting.handshakeOnly).toBeUndefined();
    // Said 'sse' from memory at start; Streamable HTTP is said once it has answered.
    expect(detected).toEqual(['sse']);
    await detecting.close();
  });

  it('does not try again when the connect itself was aborted', async () => {
    const stop = new AbortController();
    let stale = 0;
    const detecting = new DetectingTransport({
      known: () => 'sse',
      create: () =>
        Object.assign(InMemoryTransport.createLinkedPair()[0], {
          start: async () => {
            stop.abort(new Error('connect timed out'));
            throw new Error('GET aborted');
          },
        }),
      onStale: () => void stale++,
    });
    await expect(detecting.start({ signal: stop.signal })).rejects.toThrow('GET aborted');
    expect(stale).toBe(0);
  });
});
