import { type RunningHttpServer, startEverything } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPSSEClient } from '../src/index.js';

describe('server-everything over legacy HTTP+SSE', () => {
  let server: RunningHttpServer & { url: string };
  beforeAll(async () => {
    server = await startEverything('sse');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('connects, lists every tool, calls one, and disconnects', async () => {
    const client = new MCPSSEClient({ transport: 'sse', url: server.url });
    try {
      expect(client.name).toBe(`127.0.0.1:${server.port}`);
      await client.connect();
      expect(client.state).toBe('connected');
      expect(client.serverInfo?.name).toBeTruthy();
      const tools = await client.getTools();
      const names = tools.map((t) => t.name);
      expect(names).toContain('echo');
      expect(new Set(names).size).toBe(names.length);
      expect(tools.length).toBeGreaterThan(5);
      const result = await client.callTool('echo', { message: 'hello over sse' });
      expect(JSON.stringify(result.content)).toContain('hello over sse');
      expect(await client.isHealthy()).toBe(true);
    } finally {
      await client.disconnect();
    }
    expect(client.state).toBe('closed');
    await client.disconnect();
  });

  it('serves many calls in flight on one stream', async () => {
    const client = new MCPSSEClient({ transport: 'sse', url: server.url });
    try {
      await client.connect();
      const results = await Promise.all(
        Array.from({ length: 64 }, (_, i) => client.callTool('echo', { message: `call ${i}` })),
      );
      results.forEach((result, i) => {
        expect(JSON.stringify(result.content)).toContain(`call ${i}`);
      });
    } finally {
      await client.disconnect();
    }
  });

  it('asks a headers function before each request: the GET stream and every POST', async () => {
    const asked: number[] = [];
    const client = new MCPSSEClient({
      transport: 'sse',
      url: server.url,
      headers: async () => {
        asked.push(asked.length + 1);
        return { 'x-request-token': `t${asked.length}` };
      },
    });
    try {
      await client.connect();
      const before = asked.length;
      await client.callTool('echo', { message: 'one' });
      await client.callTool('echo', { message: 'two' });
      // The GET, initialize and notifications/initialized at least, then one POST per call.
      expect(before).toBeGreaterThanOrEqual(3);
      expect(asked.length - before).toBeGreaterThanOrEqual(2);
    } finally {
      await client.disconnect();
    }
  });
});
