import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError, ScriptedServer } from '../../test/scriptedServer.js';
import { BaseMCPClient } from '../client/baseClient.js';
import type { ClientOptions } from '../client/clientOptions.js';
import { type LogFn, type Logger, silentLogger } from '../util/logger.js';
import { type EraChoice, type EraStore, eraCache } from './eraCache.js';
import { META } from './modernEra.js';

const DISCOVER = {
  supportedVersions: ['2026-07-28'],
  capabilities: { tools: { listChanged: true } },
  instructions: 'be nice',
  resultType: 'complete',
  ttlMs: 0,
  cacheScope: 'private',
  _meta: { [META.serverInfo]: { name: 'modern-server', version: '2.0.0' } },
};

/** A modern-only server: discover works, initialize is refused with the revisions it speaks. */
function modernServer(): ScriptedServer {
  const server = new ScriptedServer();
  server.on('server/discover', () => DISCOVER);
  server.on(
    'initialize',
    () =>
      new RpcError(-32022, 'Unsupported protocol version', {
        supported: ['2026-07-28'],
        requested: '2025-11-25',
      }),
  );
  server.on('subscriptions/listen', () => undefined);
  return server;
}

function clientFor(
  server: ScriptedServer,
  options: ClientOptions & { eraCacheKey?: string } = {},
): BaseMCPClient {
  return new BaseMCPClient({
    name: 'era',
    transportType: 'memory',
    createTransport: () => server.clientTransport,
    ...options,
  });
}

describe('era negotiation', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    eraCache.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('speaks the modern era to a modern server: discover, then _meta on every request', async () => {
    const server = modernServer();
    server.on('tools/list', () => ({
      tools: [{ name: 't' }],
      resultType: 'complete',
      ttlMs: 0,
      cacheScope: 'private',
    }));
    const client = clientFor(server);
    await client.connect();
    expect(client.era).toBe('modern');
    expect(client.protocolVersion).toBe('2026-07-28');
    expect(client.serverInfo).toEqual({ name: 'modern-server', version: '2.0.0' });
    expect(client.serverCapabilities).toEqual({ tools: { listChanged: true } });
    expect(client.instructions).toBe('be nice');
    expect(server.requests('initialize')).toHaveLength(0);
    await client.getTools();
    const meta = server.requests('tools/list')[0]?.params?._meta as Record<string, unknown>;
    expect(meta[META.protocolVersion]).toBe('2026-07-28');
    expect(meta[META.clientInfo]).toMatchObject({ name: 'org-mcp-client' });
    expect(meta[META.clientCapabilities]).toEqual({});
    // Health uses discover: the modern era has no ping.
    expect(await client.isHealthy()).toBe(true);
    expect(server.requests('ping')).toHaveLength(0);
    expect(server.requests('server/discover')).toHaveLength(2);
    // list_changed comes through subscriptions/listen.
    expect(server.requests('subscriptions/listen')[0]?.params).toMatchObject({
      notifications: { toolsListChanged: true },
    });
    await client.disconnect();
  });

  it('falls back to the handshake when the server stays silent on server/discover', async () => {
    const server = new ScriptedServer();
    server.on('server/discover', () => undefined);
    const client = clientFor(server, { probeTimeout: 1000 });
    const connecting = client.connect();
    await vi.advanceTimersByTimeAsync(1000);
    await connecting;
    expect(client.era).toBe('handshake');
    expect(client.protocolVersion).toBe('2025-11-25');
    expect(server.requests('initialize')).toHaveLength(1);
    expect(server.requests('initialize')[0]?.params?._meta).toBeUndefined();
  });

  it.each([
    ['-32601', new RpcError(-32601, 'Method not found')],
    ['-32000 (a 400 body)', new RpcError(-32000, 'Bad Request: Server not initialized')],
    ['an empty result', {}],
    ['a result without supportedVersions', { capabilities: {} }],
  ])('takes a server answering discover with %s for handshake-era', async (_label, answer) => {
    const server = new ScriptedServer();
    server.on('server/discover', () => answer);
    const client = clientFor(server);
    await client.connect();
    expect(client.era).toBe('handshake');
    expect(server.requests('initialize')).toHaveLength(1);
  });

  it('retries with a supported version after UnsupportedProtocolVersion instead of falling back', async () => {
    const server = modernServer();
    let calls = 0;
    server.on('server/discover', () =>
      ++calls === 1
        ? new RpcError(-32022, 'Unsupported protocol version', { supported: ['2026-07-28'], requested: 'x' })
        : DISCOVER,
    );
    const client = clientFor(server);
    await client.connect();
    expect(client.era).toBe('modern');
    expect(server.requests('server/discover')).toHaveLength(2);
    expect(server.requests('initialize')).toHaveLength(0);
  });

  it('uses a handshake revision an UnsupportedProtocolVersion error lists', async () => {
    const server = new ScriptedServer({ protocolVersion: '2025-06-18' });
    server.on(
      'server/discover',
      () => new RpcError(-32022, 'Unsupported', { supported: ['2025-06-18'], requested: '2026-07-28' }),
    );
    const client = clientFor(server);
    await client.connect();
    expect(client.era).toBe('handshake');
    expect(server.requests('initialize')[0]?.params?.protocolVersion).toBe('2025-06-18');
  });

  it('switches to the modern era when initialize is refused by a modern-only server', async () => {
    const server = modernServer();
    let calls = 0;
    // The probe goes unanswered (a slow start); the fallback initialize is refused with the modern revision.
    server.on('server/discover', () => (++calls === 1 ? undefined : DISCOVER));
    const client = clientFor(server, { probeTimeout: 500 });
    const connecting = client.connect();
    await vi.advanceTimersByTimeAsync(500);
    await connecting;
    expect(client.era).toBe('modern');
    expect(server.requests('initialize')).toHaveLength(1);
  });

  it('remembers the era per server key and honours a pin', async () => {
    const first = modernServer();
    await clientFor(first, { eraCacheKey: 'k' }).connect();
    const second = modernServer();
    await clientFor(second, { eraCacheKey: 'k' }).connect();
    expect(second.requests('server/discover')).toHaveLength(1);
    const pinned = new ScriptedServer();
    const client = clientFor(pinned, { era: 'handshake' });
    await client.connect();
    expect(pinned.requests('server/discover')).toHaveLength(0);
    const versionPinned = modernServer();
    await clientFor(versionPinned, { protocolVersion: '2026-07-28' }).connect();
    expect(versionPinned.requests('initialize')).toHaveLength(0);
  });

  it('keeps eras in the eraStore given, asynchronous too, and bypasses one that fails', async () => {
    const kept = new Map<string, EraChoice>();
    const store: EraStore = {
      get: async (key) => kept.get(key),
      set: async (key, choice) => {
        kept.set(key, choice);
      },
      delete: async (key) => {
        kept.delete(key);
      },
    };
    await clientFor(modernServer(), { eraCacheKey: 'shared', eraStore: store }).connect();
    expect(kept.get('shared')).toEqual({ era: 'modern', version: '2026-07-28' });
    // Another process (an empty memory cache) reads what the first learnt: no probe.
    eraCache.clear();
    kept.set('peer', { era: 'handshake', version: '2025-11-25' });
    const handshakeServer = new ScriptedServer();
    const peer = clientFor(handshakeServer, { eraCacheKey: 'peer', eraStore: store });
    await peer.connect();
    expect(peer.era).toBe('handshake');
    expect(handshakeServer.requests('server/discover')).toHaveLength(0);

    const broken: EraStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => {
        throw new Error('store down');
      },
      delete: () => undefined,
    };
    const warnings: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      warn: ((_: object, message?: string) => {
        warnings.push(String(message));
      }) as LogFn,
      child: () => logger,
    };
    const client = clientFor(modernServer(), { eraCacheKey: 'broken', eraStore: broken, logger });
    await client.connect();
    expect(client.era).toBe('modern');
    expect(warnings).toEqual([
      'the era store failed; it is bypassed',
      'the era store failed; it is bypassed',
    ]);
  });

  it('answers input_required with the registered handlers and retries with inputResponses and requestState', async () => {
    const server = modernServer();
    server.on('tools/call', (req) => {
      const params = req.params as Record<string, unknown>;
      if (!params.inputResponses) {
        return {
          resultType: 'input_required',
          inputRequests: {
            confirm: { method: 'elicitation/create', params: { mode: 'form', message: 'Deploy?' } },
          },
          requestState: 'round1',
        };
      }
      return { resultType: 'complete', content: [{ type: 'text', text: JSON.stringify(params) }] };
    });
    const asked: unknown[] = [];
    const client = clientFor(server, {
      handlers: {
        'elicitation/create': (params) => {
          asked.push(params);
          return { action: 'accept', content: { confirm: true } };
        },
      },
    });
    await client.connect();
    const result = await client.callTool('deploy', { env: 'prod' });
    expect(asked).toEqual([{ mode: 'form', message: 'Deploy?' }]);
    const calls = server.requests('tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.id).not.toBe(calls[1]?.id);
    expect(calls[1]?.params).toMatchObject({
      name: 'deploy',
      arguments: { env: 'prod' },
      requestState: 'round1',
      inputResponses: { confirm: { action: 'accept', content: { confirm: true } } },
    });
    expect(result.resultType).toBe('complete');
    const meta = server.requests('server/discover')[0]?.params?._meta as Record<string, unknown>;
    expect(meta[META.clientCapabilities]).toMatchObject({ elicitation: {} });
  });

  it('gives up on a server that keeps asking for input, and refuses unknown resultTypes', async () => {
    const server = modernServer();
    server.on('tools/call', () => ({ resultType: 'input_required', requestState: 'again' }));
    server.on('prompts/get', () => ({ resultType: 'weird' }));
    const client = clientFor(server);
    await client.connect();
    await expect(client.callTool('loop')).rejects.toMatchObject({ code: 'INPUT_ROUNDS_EXCEEDED' });
    expect(server.requests('tools/call')).toHaveLength(11);
    await expect(client.getPrompt('p')).rejects.toMatchObject({ code: 'INVALID_RESULT' });
  });

  it('honours ttlMs on tools/list in the modern era', async () => {
    const server = modernServer();
    server.on('tools/list', () => ({
      tools: [{ name: 't' }],
      resultType: 'complete',
      ttlMs: 1000,
      cacheScope: 'public',
    }));
    const client = clientFor(server);
    await client.connect();
    await client.getTools();
    await vi.advanceTimersByTimeAsync(999);
    await client.getTools();
    expect(server.requests('tools/list')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    await client.getTools();
    expect(server.requests('tools/list')).toHaveLength(2);
  });
});
