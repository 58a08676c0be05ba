import { describe, expect, it, vi } from 'vitest';
import type { LogFn, Logger } from '../util/logger.js';
import { InMemoryTransport } from './inMemoryTransport.js';
import type { JSONRPCMessage } from './jsonrpc.js';
import { ProtocolEngine } from './protocolEngine.js';

function recordingLogger(lines: string[]): Logger {
  const log: LogFn = (obj: unknown, msg?: unknown) =>
    void lines.push(typeof obj === 'string' ? obj : String(msg ?? ''));
  const logger: Logger = { trace: log, debug: log, info: log, warn: log, error: log, child: () => logger };
  return logger;
}

function pair(options: Partial<ConstructorParameters<typeof ProtocolEngine>[1]> = {}) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const lines: string[] = [];
  const session = new ProtocolEngine(clientSide, {
    logger: recordingLogger(lines),
    serverName: 's',
    ...options,
  });
  const received: JSONRPCMessage[] = [];
  serverSide.onmessage = (m) => received.push(m as JSONRPCMessage);
  return { session, serverSide, received, lines };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ProtocolEngine', () => {
  it('skips inbound values that are not JSON-RPC, and settles batched responses', async () => {
    const { session, serverSide, received, lines } = pair();
    const a = session.request('a');
    const b = session.request('b');
    await tick();
    await serverSide.send({ hello: 'world' } as unknown as JSONRPCMessage);
    await serverSide.send([
      { jsonrpc: '2.0', id: received[1] && 'id' in received[1] ? received[1].id : 0, result: { b: 1 } },
      { jsonrpc: '2.0', id: received[0] && 'id' in received[0] ? received[0].id : 0, result: { a: 1 } },
    ] as unknown as JSONRPCMessage);
    expect(await a).toEqual({ a: 1 });
    expect(await b).toEqual({ b: 1 });
    expect(lines).toContain('skipped a message that is not JSON-RPC 2.0');
    expect(session.pendingCount).toBe(0);
  });

  it('aborts a running handler when the server cancels its request', async () => {
    let seen: AbortSignal | undefined;
    const { serverSide, received } = pair({
      handlers: {
        'elicitation/create': (_params, { signal }) => {
          seen = signal;
          return new Promise(() => {});
        },
      },
    });
    await serverSide.send({ jsonrpc: '2.0', id: 7, method: 'elicitation/create', params: {} });
    await tick();
    expect(seen?.aborted).toBe(false);
    await serverSide.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } });
    await tick();
    expect(seen?.aborted).toBe(true);
    expect(received).toHaveLength(0);
  });

  it('rejects the request whose send failed, and only that one', async () => {
    const [clientSide] = InMemoryTransport.createLinkedPair();
    const send = clientSide.send.bind(clientSide);
    clientSide.send = vi.fn(async (message: JSONRPCMessage) => {
      if ('method' in message && message.method === 'bad') throw new Error('HTTP 500');
      return send(message);
    });
    const session = new ProtocolEngine(clientSide, { logger: recordingLogger([]) });
    await expect(session.request('bad')).rejects.toThrow('HTTP 500');
    expect(session.pendingCount).toBe(0);
    expect(session.isClosed).toBe(false);
  });

  it('fails new requests at once after close, with the close reason', async () => {
    const { session } = pair();
    const reason = new Error('gone');
    session.close(reason);
    await expect(session.request('x')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    await expect(session.notify('y')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });
});
