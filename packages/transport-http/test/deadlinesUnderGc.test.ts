import { MCPTimeoutError } from '@org/mcp-core';
import { listenLoopback, type TestHttpServer, whileCollecting } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { detectHttpTransport, MCPHttpClient } from '../src/index.js';
import { type FixtureServer, startFixture } from './fixtureServer.js';

// Every deadline here runs while garbage is collected every few ms: on Node 20 a deadline made of
// AbortSignal.any([…, AbortSignal.timeout(ms)]) never fires once nothing else holds the timeout.

const servers: TestHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('transport-http deadlines fire under garbage collection', () => {
  it("detectHttpTransport's timeout, on a server that never answers", async () => {
    const server = await listenLoopback(() => {});
    servers.push(server);
    const error = await whileCollecting(
      detectHttpTransport(`${server.origin}/mcp`, {
        timeout: 200,
        signal: new AbortController().signal,
      }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(MCPTimeoutError);
  });

  it("detectHttpTransport's DELETE of the probe's session, on a server that never answers it", async () => {
    const fixture: FixtureServer = await startFixture();
    servers.push(fixture);
    fixture.onDelete = () => {};
    expect(await whileCollecting(detectHttpTransport(fixture.url))).toBe('streamable-http');
    expect(fixture.seen.filter((r) => r.httpMethod === 'DELETE')).toHaveLength(1);
  });

  it("the session's DELETE on disconnect (closeTimeout), on a server that never answers it", async () => {
    const fixture: FixtureServer = await startFixture();
    servers.push(fixture);
    fixture.onDelete = () => {};
    const client = new MCPHttpClient(
      { transport: 'http', url: fixture.url },
      { name: 'fixture', closeTimeout: 200, era: 'handshake' },
    );
    await client.connect();
    await whileCollecting(client.disconnect());
    expect(client.state).toBe('closed');
    expect(fixture.seen.filter((r) => r.httpMethod === 'DELETE')).toHaveLength(1);
  });
});
