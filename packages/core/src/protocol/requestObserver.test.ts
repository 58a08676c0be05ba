import { describe, expect, it } from 'vitest';
import { silentLogger } from '../util/logger.js';
import { InMemoryTransport } from './inMemoryTransport.js';
import type { JSONRPCMessage, JSONRPCRequest } from './jsonrpc.js';
import { ProtocolEngine } from './protocolEngine.js';
import type { RequestObserver, RequestOutcome } from './requestObserver.js';

/** An engine whose observer adds a traceparent and records what it saw; the server answers `answer(request)`. */
function observedEngine(answer: (request: JSONRPCRequest) => object | undefined) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const seen: { method: string; id: number; outcome?: RequestOutcome }[] = [];
  const observeRequest: RequestObserver = ({ method, id }) => {
    const entry: (typeof seen)[number] = { method, id };
    seen.push(entry);
    return {
      meta: { traceparent: `00-trace-${id}-01` },
      end: (outcome) => {
        entry.outcome = outcome;
      },
    };
  };
  const engine = new ProtocolEngine(clientSide, { logger: silentLogger, observeRequest, requestTimeout: 50 });
  const received: JSONRPCRequest[] = [];
  serverSide.onmessage = (m) => {
    const request = m as JSONRPCRequest;
    received.push(request);
    const body = answer(request);
    if (body) void serverSide.send({ jsonrpc: '2.0', id: request.id, ...body } as JSONRPCMessage);
  };
  return { engine, seen, received };
}

describe('observeRequest', () => {
  it('sees each request with its wire id and adds its keys to params._meta, in both eras', async () => {
    const { engine, seen, received } = observedEngine(() => ({ result: { ok: true } }));
    await engine.request('tools/call', { name: 'echo', _meta: { mine: 'kept' } });
    // The modern era's envelope rides in the same _meta.
    engine.setEnvelope({ 'io.modelcontextprotocol/protocolVersion': '2026-07-28' });
    await engine.request('tools/list');
    expect(seen.map(({ method, id }) => ({ method, id }))).toEqual([
      { method: 'tools/call', id: 1 },
      { method: 'tools/list', id: 2 },
    ]);
    expect(received[0]?.params?._meta).toEqual({ mine: 'kept', traceparent: '00-trace-1-01' });
    expect(received[1]?.params?._meta).toEqual({
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      traceparent: '00-trace-2-01',
    });
    expect(seen[0]?.outcome?.response).toMatchObject({ result: { ok: true } });
  });

  it('is told of a JSON-RPC error as a response and of a timeout as an error', async () => {
    const { engine, seen } = observedEngine((request) =>
      request.method === 'bad' ? { error: { code: -32601, message: 'Method not found' } } : undefined,
    );
    await expect(engine.request('bad')).rejects.toThrow();
    await expect(engine.request('slow')).rejects.toThrow(/timed out/);
    expect(seen[0]?.outcome?.response).toMatchObject({ error: { code: -32601 } });
    expect(seen[1]?.outcome?.error).toMatchObject({ code: 'REQUEST_TIMEOUT' });
  });
});
