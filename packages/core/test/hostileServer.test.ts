import { describe, expect, it } from 'vitest';
import { type ClientOptions, type JSONRPCRequest, MCPProtocolError } from '../src/index.js';
import { connectedTo, ScriptedServer } from './scriptedServer.js';

const connected = (server: ScriptedServer, options: ClientOptions = {}) =>
  connectedTo(server, 'hostile', options);

/** A server whose tools/call answers with this raw response body (after `"jsonrpc"` and `"id"`). */
function answering(body: Record<string, unknown>): ScriptedServer {
  const server = new ScriptedServer();
  server.on('tools/call', (request: JSONRPCRequest) => {
    void server.send({ jsonrpc: '2.0', id: request.id, ...body } as never);
    return undefined;
  });
  return server;
}

describe('a server that answers with what the protocol does not allow', () => {
  const malformed: Array<[string, Record<string, unknown>]> = [
    ['result null', { result: null }],
    ['error null', { error: null }],
    ['error a number', { error: 42 }],
    ['result a string', { result: 'ok' }],
    ['result a number', { result: 42 }],
    ['result an array', { result: [{ type: 'text', text: 'x' }] }],
    ['content not an array', { result: { content: 'text' } }],
    ['a content block without type', { result: { content: [{ text: 'x' }] } }],
    ['structuredContent not an object', { result: { content: [], structuredContent: 'x' } }],
  ];
  for (const [what, body] of malformed) {
    it(`${what}: callTool rejects with MCPProtocolError INVALID_RESULT naming server and method`, async () => {
      const client = await connected(answering(body));
      const error = await client.callTool('echo').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPProtocolError);
      expect(error).toMatchObject({ code: 'INVALID_RESULT', serverName: 'hostile', method: 'tools/call' });
      expect((error as Error).message).toContain('tools/call');
      expect(client.state).toBe('connected');
      await client.disconnect();
    });
  }

  it('a result without content is read as no content, as the SDKs read it', async () => {
    const client = await connected(answering({ result: { structuredContent: { n: 1 } } }));
    await expect(client.callTool('echo')).resolves.toEqual({ content: [], structuredContent: { n: 1 } });
    await client.disconnect();
  });

  it('resources/read and prompts/get are checked by shape too', async () => {
    const server = new ScriptedServer();
    server.on('resources/read', () => ({ contents: 'nope' }));
    server.on('prompts/get', () => ({ messages: [{ role: 'user' }] }));
    const client = await connected(server);
    await expect(client.readResource('file:///x')).rejects.toMatchObject({ code: 'INVALID_RESULT' });
    await expect(client.getPrompt('p')).rejects.toMatchObject({ code: 'INVALID_RESULT' });
    await client.disconnect();
  });
});

describe('lists are bounded across pages', () => {
  /** A server that never stops paging: `perPage` new tools and a new cursor each time. */
  function endless(perPage: number): ScriptedServer {
    const server = new ScriptedServer();
    let page = 0;
    server.on('tools/list', () => {
      page++;
      const tools = Array.from({ length: perPage }, (_, i) => ({
        name: `t${page}_${i}`,
        inputSchema: { type: 'object' },
      }));
      return { tools, nextCursor: `c${page}` };
    });
    return server;
  }

  it('stops at maxItems with PAGINATION_LIMIT naming the server and the bound', async () => {
    const client = await connected(endless(1000), { listLimits: { maxItems: 5000 } });
    const error = await client.getTools().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPProtocolError);
    expect(error).toMatchObject({ code: 'PAGINATION_LIMIT', serverName: 'hostile' });
    expect((error as Error).message).toContain('5000 items');
    await client.disconnect();
  });

  it('stops at maxBytes', async () => {
    const client = await connected(endless(100), { listLimits: { maxBytes: 20_000 } });
    const error = await client.getTools().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAGINATION_LIMIT' });
    expect((error as Error).message).toContain('20000 bytes');
    await client.disconnect();
  });

  it('by default too: an endless server of 10,000 tools a page stops, it does not fill the heap', async () => {
    const client = await connected(endless(10_000));
    await expect(client.getTools()).rejects.toMatchObject({ code: 'PAGINATION_LIMIT' });
    await client.disconnect();
  });
});

describe('names from the wire never reach Object.prototype', () => {
  for (const method of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`a server request "${method}" is -32601 even with handlers registered`, async () => {
      const server = new ScriptedServer();
      const client = await connected(server, { handlers: { 'roots/list': () => ({ roots: [] }) } });
      const answer = await server.request(method);
      expect(answer).toMatchObject({ error: { code: -32601 } });
      await client.disconnect();
    });
  }
});
