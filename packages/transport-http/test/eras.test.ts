import { MCPError } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import {
  captureLogger,
  expectCancelReachesServer,
  expectFollowsToolChanges,
  expectWorksInEra,
  INVALID_HEADER_TOOL,
  OFFICIAL_MODERN_TOOLS,
  type RunningHttpServer,
  startEverything,
  startOfficialModern,
  subscriptionAcknowledged,
} from '@org/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MCPHttpClient, type MCPHttpClientOptions } from '../src/index.js';

type Server = RunningHttpServer & { url: string };

let official: Server;
let modernOnly: Server;
let everything: Server;
const clients: MCPHttpClient[] = [];

beforeAll(async () => {
  [official, modernOnly, everything] = await Promise.all([
    startOfficialModern(),
    startOfficialModern({ modernOnly: true }),
    startEverything('streamableHttp'),
  ]);
});
afterAll(async () => {
  await Promise.all([official?.close(), modernOnly?.close(), everything?.close()]);
});
beforeEach(() => eraCache.clear());
afterEach(async () => {
  for (const client of clients.splice(0)) await client.disconnect();
});

function client(server: Server, options: MCPHttpClientOptions = {}): MCPHttpClient {
  const made = new MCPHttpClient({ transport: 'http', url: server.url }, options);
  clients.push(made);
  return made;
}

/** The official fixture's tools over Streamable HTTP: every page, less the one with an invalid x-mcp-header. */
const OFFICIAL_HTTP_TOOLS = OFFICIAL_MODERN_TOOLS.filter((name) => name !== INVALID_HEADER_TOOL);

describe('one client for every server era, over Streamable HTTP', () => {
  it('@modelcontextprotocol/server 2.x (dual-era): the modern era, every page, an invalid x-mcp-header tool left out with a warning', async () => {
    const log = captureLogger();
    const c = client(official, { logger: log.logger });
    expect(await expectWorksInEra(c, 'modern')).toEqual(OFFICIAL_HTTP_TOOLS);
    expect(c.serverInfo).toEqual({ name: 'official-v2-fixture', version: '2.4.0' });
    const warning = log.lines.find((line) => line.level === 'warn');
    expect(warning?.args[0]).toMatchObject({ tool: INVALID_HEADER_TOOL });
    expect(String(warning?.args[1])).toContain('string, integer or boolean');
  });

  it('@modelcontextprotocol/server-everything (handshake era): the same body passes in the handshake era', async () => {
    const tools = await expectWorksInEra(client(everything), 'handshake');
    expect(tools.length).toBeGreaterThan(5);
  });

  it('the dual-era server pinned to the handshake era serves the same body there (no x-mcp-header screening)', async () => {
    const tools = await expectWorksInEra(client(official, { era: 'handshake' }), 'handshake');
    expect(tools).toEqual(OFFICIAL_MODERN_TOOLS);
  });

  it('a modern-only server: auto speaks the modern era; a handshake pin fails naming its revisions', async () => {
    await expectWorksInEra(client(modernOnly), 'modern');
    const pinned = client(modernOnly, { era: 'handshake', name: 'pinned' });
    const error = await pinned.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPError);
    expect((error as MCPError).code).toBe('UNSUPPORTED_PROTOCOL_VERSION');
    expect((error as Error).message).toContain("speaks protocol 2026-07-28, not the era 'handshake'");
  });

  it('mirrors x-mcp-header parameters into Mcp-Param headers the official server validates (plain and Base64)', async () => {
    const c = client(official);
    await c.connect();
    await c.getTools();
    const plain = await c.callTool('regional_echo', { region: 'us-west1', message: 'hi' });
    expect(JSON.stringify(plain.content)).toContain('us-west1: hi');
    const encoded = await c.callTool('regional_echo', { region: 'Zürich ', dryRun: true });
    expect(JSON.stringify(encoded.content)).toContain('Zürich  (dry run)');
  });

  it('a call before any tools/list is refused with HeaderMismatch; the client lists the tools and retries once', async () => {
    const log = captureLogger();
    const c = client(official, { logger: log.logger });
    await c.connect();
    const result = await c.callTool('regional_echo', { region: 'eu-north1' });
    expect(JSON.stringify(result.content)).toContain('eu-north1');
    expect(
      log.lines.some((line) => line.args[1] === 'header mismatch; listing tools again before one retry'),
    ).toBe(true);
  });

  it('answers input_required with the handler registered for server requests; the same handler serves a handshake-era server', async () => {
    const asked: string[] = [];
    const handlers: MCPHttpClientOptions['handlers'] = {
      'elicitation/create': async (params) => {
        asked.push(String(params?.message));
        return { action: 'accept', content: { confirm: false, name: 'Ada', check: true } };
      },
    };
    const modern = client(official, { handlers });
    await modern.connect();
    expect(modern.era).toBe('modern');
    const declined = await modern.callTool('confirm', { action: 'drop the table' });
    expect(JSON.stringify(declined.content)).toContain(
      'drop the table: declined (state pending:drop the table)',
    );
    // server-everything sends a real elicitation/create request on the POST's stream instead.
    const handshake = client(everything, { handlers });
    await handshake.connect();
    expect(handshake.era).toBe('handshake');
    const elicited = await handshake.callTool('trigger-elicitation-request', {});
    expect(JSON.stringify(elicited.content)).toContain('Ada');
    expect(asked).toEqual(['Really drop the table?', expect.stringContaining('Please provide inputs')]);
  });

  it('follows tool list changes on the subscriptions/listen stream', async () => {
    const growing = await startOfficialModern();
    try {
      const c = client(growing);
      const subscribed = subscriptionAcknowledged(c);
      await c.connect();
      expect(c.era).toBe('modern');
      await subscribed;
      await expectFollowsToolChanges(c);
    } finally {
      await growing.close();
    }
  });

  it.each([
    ['modern', 'auto'],
    ['handshake', 'handshake'],
  ] as const)('a call the caller aborts is cancelled on the server (%s era)', async (era, pin) => {
    const c = client(official, { era: pin });
    await c.connect();
    expect(c.era).toBe(era);
    await expectCancelReachesServer(c);
  });
});
