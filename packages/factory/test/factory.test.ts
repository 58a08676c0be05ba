import { BaseMCPClient, InMemoryTransport, MCPConfigError } from '@org/mcp-core';
import { MCPHttpClient } from '@org/mcp-transport-http';
import { MCPSSEClient } from '@org/mcp-transport-sse';
import { MCPStdioClient } from '@org/mcp-transport-stdio';
import {
  captureLogger,
  everythingBin,
  type RunningHttpServer,
  startEverything,
  startOfficialModern,
} from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWithSseFallbackClient, MCPClientFactory } from '../src/index.js';

describe('MCPClientFactory.createClient', () => {
  it('builds the client of each transport, stdio when none is declared', () => {
    expect(MCPClientFactory.createClient({ command: 'node' })).toBeInstanceOf(MCPStdioClient);
    expect(MCPClientFactory.createClient({ transport: 'stdio', command: 'node' })).toBeInstanceOf(
      MCPStdioClient,
    );
    expect(MCPClientFactory.createClient({ transport: 'sse', url: 'http://127.0.0.1:1/sse' })).toBeInstanceOf(
      MCPSSEClient,
    );
    expect(
      MCPClientFactory.createClient({ transport: 'http', url: 'http://127.0.0.1:1/mcp' }),
    ).toBeInstanceOf(MCPHttpClient);
    expect(
      MCPClientFactory.createClient({ transport: 'http', url: 'http://127.0.0.1:1/mcp', sseFallback: true }),
    ).toBeInstanceOf(HttpWithSseFallbackClient);
  });

  it('refuses an unknown transport with the known ones listed, and takes registered ones', async () => {
    const error = (() => {
      try {
        MCPClientFactory.createClient({ transport: 'carrier-pigeon' }, { name: 'bird' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as MCPConfigError).code).toBe('UNKNOWN_TRANSPORT');
    expect((error as MCPConfigError).message).toContain('mcpServers.bird.transport');
    expect((error as MCPConfigError).message).toContain('stdio, sse, http');
    MCPClientFactory.registerTransport('memory', (_config, options) => {
      const [client, server] = InMemoryTransport.createLinkedPair();
      server.onmessage = (m) => {
        const msg = m as { id?: number; method: string };
        if (msg.id === undefined) return;
        const result =
          msg.method === 'initialize'
            ? { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'mem', version: '1' } }
            : {};
        void server.send({ jsonrpc: '2.0', id: msg.id, result });
      };
      return new BaseMCPClient({
        ...options,
        transportType: 'memory',
        era: 'handshake',
        createTransport: () => client,
      });
    });
    expect(MCPClientFactory.knownTransports()).toContain('memory');
    const custom = MCPClientFactory.createClient({ transport: 'memory' }, { name: 'm' });
    await custom.connect();
    expect(custom.serverInfo?.name).toBe('mem');
    await custom.disconnect();
  });
});

describe('Streamable HTTP with SSE fallback, against real servers on 127.0.0.1', () => {
  let sse: RunningHttpServer & { url: string };
  let http: RunningHttpServer & { url: string };
  let modernOnly: RunningHttpServer & { url: string };
  beforeAll(async () => {
    [sse, http, modernOnly] = await Promise.all([
      startEverything('sse'),
      startEverything('streamableHttp'),
      startOfficialModern({ modernOnly: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([sse?.close(), http?.close(), modernOnly?.close()]);
  });

  it('keeps Streamable HTTP in the modern era for a modern-only server (@modelcontextprotocol/server 2.x)', async () => {
    const client = MCPClientFactory.createClient(
      { transport: 'http', url: modernOnly.url, sseFallback: true },
      { name: 'modern-only' },
    );
    await client.connect();
    expect(client.transportType).toBe('http');
    expect(client.era).toBe('modern');
    const result = await client.callTool('echo', { message: 'no session, no fallback' });
    expect(JSON.stringify(result.content)).toContain('no session, no fallback');
    await client.disconnect();
  });

  it('falls back to SSE for a legacy-only server and remembers it', async () => {
    const log = captureLogger();
    const client = MCPClientFactory.createClient(
      { transport: 'http', url: sse.url, sseFallback: true },
      { name: 'legacy', logger: log.logger },
    );
    await client.connect();
    expect(client.transportType).toBe('sse');
    // The era was probed over Streamable HTTP, whose initialize POST the server refused; nothing probed over SSE.
    const connected = () => log.lines.filter((line) => line.args[1] === 'connected').at(-1)?.args[0];
    expect(connected()).toMatchObject({ era: 'handshake', how: 'probed' });
    const tools = await client.getTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    const result = await client.callTool('echo', { message: 'hi' });
    expect(JSON.stringify(result.content)).toContain('hi');
    await client.disconnect();
    await client.connect();
    expect(client.transportType).toBe('sse');
    // Known now: SSE at once, and no server/discover probe over it (that transport has only the handshake era).
    expect(connected()).toMatchObject({ era: 'handshake', how: 'transport' });
    await client.disconnect();
  });

  it('keeps Streamable HTTP for a server that speaks it', async () => {
    const client = MCPClientFactory.createClient(
      { transport: 'http', url: http.url, sseFallback: true },
      { name: 'modern' },
    );
    await client.connect();
    expect(client.transportType).toBe('http');
    expect(client.era).toBe('handshake');
    expect((await client.getTools()).length).toBeGreaterThan(0);
    await client.disconnect();
  });

  it('builds a stdio client that really runs server-everything', async () => {
    const client = MCPClientFactory.createClient({
      command: process.execPath,
      args: [everythingBin(), 'stdio'],
    });
    await client.connect();
    expect((await client.getTools()).length).toBeGreaterThan(0);
    await client.disconnect();
  });
});

describe('HttpWithSseFallbackClient', () => {
  it('refuses a URL that is not http(s) with the same config error as the other remote clients', () => {
    expect(() =>
      MCPClientFactory.createClient(
        { transport: 'http', url: 'ftp://x/mcp', sseFallback: true },
        { name: 'bad' },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_URL' }));
  });
});
