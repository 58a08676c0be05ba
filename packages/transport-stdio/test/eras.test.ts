import { MCPError } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import {
  captureLogger,
  expectCancelReachesServer,
  expectFollowsToolChanges,
  expectWorksInEra,
  isAlive,
  MODERN_ONLY_ENV,
  OFFICIAL_MODERN_TOOLS,
  officialModernServerScript,
} from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MCPStdioClient } from '../src/index.js';
import { nodeServer, packageBin } from './support/fixture.js';
import { processGroups } from './support/processGroups.js';

const groups = processGroups();
const clients: MCPStdioClient[] = [];

beforeEach(() => eraCache.clear());
afterEach(async () => {
  for (const client of clients.splice(0)) await client.disconnect();
  try {
    await groups.expectAllGone();
  } finally {
    groups.killLeftovers();
  }
});

function client(
  args: string[],
  options: ConstructorParameters<typeof MCPStdioClient>[1] = {},
  env?: Record<string, string>,
): MCPStdioClient {
  const made = new MCPStdioClient({ command: process.execPath, args, ...(env ? { env } : {}) }, options);
  clients.push(made);
  return made;
}

const official = [officialModernServerScript, 'stdio'];
const everything = [packageBin('@modelcontextprotocol/server-everything'), 'stdio'];

describe('one client for every server era, over stdio', () => {
  it('@modelcontextprotocol/server 2.x (dual-era): chooses the modern era, follows every page', async () => {
    const c = client(official);
    expect(await expectWorksInEra(c, 'modern')).toEqual(OFFICIAL_MODERN_TOOLS);
    expect(c.serverInfo).toEqual({ name: 'official-v2-fixture', version: '2.4.0' });
    expect(c.instructions).toBe('A fixture of the era tests.');
    const pid = groups.add(c.pid);
    await c.disconnect();
    expect(isAlive(pid)).toBe(false);
  });

  it('@modelcontextprotocol/server-everything (handshake era): the same body passes in the handshake era', async () => {
    const c = client(everything);
    const tools = await expectWorksInEra(c, 'handshake');
    expect(tools.length).toBeGreaterThan(5);
    groups.add(c.pid);
  });

  it('the dual-era server pinned to the handshake era serves the same body there', async () => {
    const c = client(official, { era: 'handshake' });
    expect(await expectWorksInEra(c, 'handshake')).toEqual(OFFICIAL_MODERN_TOOLS);
    groups.add(c.pid);
  });

  it('a modern-only server (initialize refused): auto speaks the modern era; a handshake pin fails naming its revisions', async () => {
    const auto = client(official, {}, MODERN_ONLY_ENV);
    await expectWorksInEra(auto, 'modern');
    groups.add(auto.pid);
    const pinned = client(official, { era: 'handshake', name: 'pinned' }, MODERN_ONLY_ENV);
    const error = await pinned.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPError);
    expect((error as MCPError).serverName).toBe('pinned');
    expect((error as MCPError).code).toBe('UNSUPPORTED_PROTOCOL_VERSION');
    expect((error as Error).message).toContain("speaks protocol 2026-07-28, not the era 'handshake'");
  });

  it('retries initialize refused with UnsupportedProtocolVersion in the revision it lists (a server upgraded to modern-only)', async () => {
    // The first run settles on the handshake era for this command line, and that is remembered.
    const before = client(official, { era: 'handshake' });
    await before.connect();
    await before.disconnect();
    // The same command line now refuses initialize with -32022 and its revisions: no fallback, a retry.
    const log = captureLogger();
    const after = client(official, { logger: log.logger }, MODERN_ONLY_ENV);
    await expectWorksInEra(after, 'modern');
    groups.add(after.pid);
    await after.disconnect();
    const again = client(official, { logger: log.logger }, MODERN_ONLY_ENV);
    await again.connect();
    expect(again.era).toBe('modern');
    groups.add(again.pid);
    const connected = log.lines.filter((line) => line.args[1] === 'connected').map((line) => line.args[0]);
    expect(connected).toEqual([
      expect.objectContaining({ era: 'modern', how: 'initialize refused' }),
      expect.objectContaining({ era: 'modern', how: 'remembered' }),
    ]);
  });

  it('a handshake-era server silent on server/discover: falls back to initialize after the probe timeout', async () => {
    const config = nodeServer('silentOnDiscoverServer.mjs');
    const c = client(config.args ?? [], { probeTimeout: 200 });
    await expectWorksInEra(c, 'handshake');
    groups.add(c.pid);
  });

  it.each([
    ['modern', 'auto'],
    ['handshake', 'handshake'],
  ] as const)('answers the server’s elicitation with the registered handler (%s era)', async (era, pin) => {
    const asked: unknown[] = [];
    const c = client(official, {
      era: pin,
      handlers: {
        'elicitation/create': async (params) => {
          asked.push(params);
          return { action: 'accept', content: { confirm: true } };
        },
      },
    });
    await c.connect();
    expect(c.era).toBe(era);
    groups.add(c.pid);
    const result = await c.callTool('confirm', { action: 'deploy' });
    // In the modern era the server's input_required result was answered and the call retried
    // with inputResponses and requestState; in the handshake era the server sent a real request.
    expect(JSON.stringify(result.content)).toContain('deploy: confirmed');
    if (era === 'modern') expect(JSON.stringify(result.content)).toContain('state pending:deploy');
    expect(asked).toEqual([expect.objectContaining({ message: 'Really deploy?' })]);
  });

  it.each([
    ['modern', 'auto'],
    ['handshake', 'handshake'],
  ] as const)(
    'follows tool list changes (%s era: subscriptions/listen, or the notification on the pipe)',
    async (era, pin) => {
      const c = client(official, { era: pin });
      await c.connect();
      expect(c.era).toBe(era);
      groups.add(c.pid);
      await c.getTools();
      await expectFollowsToolChanges(c);
    },
  );

  it.each([
    ['modern', 'auto'],
    ['handshake', 'handshake'],
  ] as const)(
    'a call the caller aborts is cancelled on the server (%s era: notifications/cancelled)',
    async (era, pin) => {
      const c = client(official, { era: pin });
      await c.connect();
      expect(c.era).toBe(era);
      groups.add(c.pid);
      await expectCancelReachesServer(c);
    },
  );
});
