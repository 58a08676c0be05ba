import { MCPTransportError } from '@org/mcp-core';
import { afterEach, expect, it } from 'vitest';
import { SSETransport } from '../src/index.js';
import { startSseFixture } from './sseFixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

it('refuses to follow the event-stream GET to another origin, as Streamable HTTP does', async () => {
  const elsewhere = await startSseFixture();
  cleanups.push(() => elsewhere.close());
  const server = await startSseFixture({
    streamResponse: (_req, res) => res.writeHead(307, { location: elsewhere.url }).end(),
  });
  cleanups.push(() => server.close());
  const transport = new SSETransport({ url: server.url, headers: { authorization: 'Bearer not-for-you' } });
  cleanups.push(() => transport.close());
  const error = await transport.start().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MCPTransportError);
  expect(error).toMatchObject({ code: 'REDIRECT_REFUSED', status: 307 });
  expect((error as Error).message).toContain(`to another origin (${elsewhere.origin})`);
  expect(elsewhere.requests).toEqual([]);
});
