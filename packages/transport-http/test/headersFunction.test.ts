import { HttpErrorCode } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import { type RunningHttpServer, startOfficialModern } from '@org/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MCPHttpClient } from '../src/index.js';

let official: RunningHttpServer & { url: string };
const clients: MCPHttpClient[] = [];

beforeAll(async () => {
  official = await startOfficialModern({ recordHeader: 'x-request-token' });
});
afterAll(async () => {
  await official?.close();
});
beforeEach(() => eraCache.clear());
afterEach(async () => {
  for (const client of clients.splice(0)) await client.disconnect();
});

describe('headers as a function, against the official 2.x server', () => {
  it.each(['modern', 'handshake'] as const)(
    'the %s era: the function is asked per request and the server sees each new value',
    async (era) => {
      let issued = 0;
      const client = new MCPHttpClient(
        {
          transport: 'http',
          url: official.url,
          headers: async () => ({ 'X-Request-Token': `${era}-${++issued}` }),
        },
        { era },
      );
      clients.push(client);
      await client.connect();
      await client.callTool('echo', { message: 'one' });
      await client.callTool('echo', { message: 'two' });
      const result = await client.callTool('recorded_headers', {});
      const recorded = JSON.parse((result.content[0] as { text: string }).text) as (string | null)[];
      // Every request of this client carried a token, each a new one (the GET stream may come in any order).
      const mine = recorded
        .filter((value): value is string => typeof value === 'string' && value.startsWith(`${era}-`))
        .map((value) => Number(value.slice(era.length + 1)));
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(new Set(mine).size).toBe(mine.length);
      expect(Math.max(...mine)).toBeLessThanOrEqual(issued);
      expect(recorded.filter((value) => value === null)).toEqual([]);
    },
  );

  it('a function that throws fails the connect with HEADERS_FAILED, never quoting it', async () => {
    const client = new MCPHttpClient({
      transport: 'http',
      url: official.url,
      headers: () => {
        throw new Error('vault token tk-0123456789 expired');
      },
    });
    clients.push(client);
    const error = await client.connect().catch((e: unknown) => e);
    const chain = [error, (error as Error).cause].map((e) => (e as { code?: string })?.code);
    expect(chain).toContain(HttpErrorCode.HEADERS_FAILED);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('tk-0123456789');
  });
});
