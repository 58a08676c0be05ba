import { type RunningHttpServer, startEverything } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHttpTransport, MCPHttpClient } from '../src/index.js';

describe('server-everything over Streamable HTTP', () => {
  let server: RunningHttpServer & { url: string };
  beforeAll(async () => {
    server = await startEverything('streamableHttp');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('connects, pages through every tool, calls one and disconnects', async () => {
    const client = new MCPHttpClient({ transport: 'http', url: server.url });
    expect(client.name).toBe(`127.0.0.1:${server.port}`);
    expect(client.transportType).toBe('http');
    await client.connect();
    expect(client.state).toBe('connected');
    expect(client.serverInfo?.name).toBeTruthy();
    const tools = await client.getTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    const result = await client.callTool('echo', { message: 'hello over http' });
    expect(JSON.stringify(result.content)).toContain('hello over http');
    expect(await client.isHealthy()).toBe(true);
    await client.disconnect();
    expect(client.state).toBe('closed');
    await client.disconnect();
  });

  it('is detected as streamable-http', async () => {
    expect(await detectHttpTransport(server.url)).toBe('streamable-http');
  });
});

describe('server-everything over legacy SSE', () => {
  let server: RunningHttpServer & { url: string };
  beforeAll(async () => {
    server = await startEverything('sse');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is detected as sse', async () => {
    expect(await detectHttpTransport(server.url)).toBe('sse');
  });
});
