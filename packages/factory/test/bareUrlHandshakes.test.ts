import {
  captureLogger,
  type RecordingProxy,
  type RunningHttpServer,
  type SeenRequest,
  startEverything,
  startOfficialModern,
  startRecordingProxy,
} from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPClientFactory } from '../src/index.js';

// What a bare `url` in a config becomes: Streamable HTTP with the legacy SSE fallback.
const bareUrl = (url: string, name: string, logger?: ReturnType<typeof captureLogger>['logger']) =>
  MCPClientFactory.createClient({ transport: 'http', url, sseFallback: true }, { name, logger });

const rpcs = (seen: SeenRequest[], rpc: string) => seen.filter((r) => r.rpc === rpc);
const accepted = (seen: SeenRequest[]) => seen.filter((r) => r.status >= 200 && r.status < 300);
const sessions = (seen: SeenRequest[]) => seen.filter((r) => r.sessionCreated !== undefined);
const deletes = (seen: SeenRequest[]) => seen.filter((r) => r.method === 'DELETE');
const howConnected = (log: ReturnType<typeof captureLogger>) =>
  log.lines.find((line) => line.args[1] === 'connected')?.args[0];

/** The server behind a proxy that counts what it sees; one proxy (so one URL) per test. */
describe('a bare url connects with one handshake (requests counted at the server)', () => {
  let http: RunningHttpServer & { url: string };
  let sse: RunningHttpServer & { url: string };
  let modern: RunningHttpServer & { url: string };
  const proxies: RecordingProxy[] = [];
  const proxyTo = async (url: string) => {
    const proxy = await startRecordingProxy(url);
    proxies.push(proxy);
    return proxy;
  };
  beforeAll(async () => {
    [http, sse, modern] = await Promise.all([
      startEverything('streamableHttp'),
      startEverything('sse'),
      startOfficialModern(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await Promise.all([http?.close(), sse?.close(), modern?.close()]);
  });

  it('Streamable HTTP (server-everything): one initialize, one session kept, none deleted; the next client initializes straight away', async () => {
    const proxy = await proxyTo(http.url);
    const first = bareUrl(proxy.url, 'everything-http');
    await first.connect();
    expect(first.transportType).toBe('http');
    expect(first.era).toBe('handshake');
    expect(rpcs(proxy.seen, 'initialize')).toHaveLength(1);
    expect(sessions(proxy.seen)).toHaveLength(1);
    expect(deletes(proxy.seen)).toHaveLength(0);
    // The session the server made is the one the client works in.
    const session = sessions(proxy.seen)[0]?.sessionCreated;
    expect((await first.getTools()).length).toBeGreaterThan(0);
    expect(sessions(proxy.seen)).toHaveLength(1);
    await first.disconnect();
    expect(deletes(proxy.seen)).toHaveLength(1);
    expect(sessions(proxy.seen)[0]?.sessionCreated).toBe(session);

    proxy.reset();
    const second = bareUrl(proxy.url, 'everything-http');
    await second.connect();
    // Era and transport remembered: no server/discover, no probe, one initialize.
    expect(proxy.seen.filter((r) => r.method === 'POST')[0]?.rpc).toBe('initialize');
    expect(rpcs(proxy.seen, 'initialize')).toHaveLength(1);
    expect(rpcs(proxy.seen, 'server/discover')).toHaveLength(0);
    expect(sessions(proxy.seen)).toHaveLength(1);
    expect(deletes(proxy.seen)).toHaveLength(0);
    await second.disconnect();
  });

  it('legacy HTTP+SSE (server-everything sse): the refused initialize POST falls back to the event stream; the next client goes straight to it', async () => {
    const proxy = await proxyTo(sse.url);
    const first = bareUrl(proxy.url, 'everything-sse');
    await first.connect();
    expect(first.transportType).toBe('sse');
    expect(first.era).toBe('handshake');
    const refused = proxy.seen.filter(
      (r) => r.method === 'POST' && r.rpc === 'initialize' && r.status >= 400,
    );
    expect(refused).toHaveLength(1);
    expect([400, 404, 405]).toContain(refused[0]?.status);
    // One initialize the server took, over the legacy stream; no discover went over SSE.
    expect(accepted(rpcs(proxy.seen, 'initialize'))).toHaveLength(1);
    expect(accepted(rpcs(proxy.seen, 'server/discover'))).toHaveLength(0);
    expect(proxy.seen.filter((r) => r.method === 'GET')).toHaveLength(1);
    const result = await first.callTool('echo', { message: 'over sse' });
    expect(JSON.stringify(result.content)).toContain('over sse');
    await first.disconnect();

    proxy.reset();
    const log = captureLogger();
    const second = bareUrl(proxy.url, 'everything-sse', log.logger);
    await second.connect();
    expect(second.transportType).toBe('sse');
    expect(howConnected(log)).toMatchObject({ era: 'handshake', how: 'transport' });
    expect(proxy.seen[0]?.method).toBe('GET');
    expect(rpcs(proxy.seen, 'initialize')).toHaveLength(1);
    expect(proxy.seen.filter((r) => r.status >= 400)).toHaveLength(0);
    await second.disconnect();
  });

  it('a URL remembered as legacy whose server now speaks Streamable HTTP: the next client falls forward in the same connect', async () => {
    const proxy = await proxyTo(sse.url);
    const legacy = bareUrl(proxy.url, 'moving');
    await legacy.connect();
    expect(legacy.transportType).toBe('sse');
    await legacy.disconnect();

    proxy.retarget(http.url);
    proxy.reset();
    const moved = bareUrl(proxy.url, 'moving');
    await moved.connect();
    expect(moved.transportType).toBe('http');
    // The refused GET of the remembered stream, then one initialize and one session on Streamable HTTP.
    expect(proxy.seen[0]).toMatchObject({ method: 'GET' });
    expect(proxy.seen[0]?.status).toBeGreaterThanOrEqual(400);
    expect(rpcs(proxy.seen, 'initialize')).toHaveLength(1);
    expect(sessions(proxy.seen)).toHaveLength(1);
    expect((await moved.getTools()).length).toBeGreaterThan(0);
    await moved.disconnect();
  });

  it('the modern era (official SDK server): one server/discover, no initialize, no session', async () => {
    const proxy = await proxyTo(modern.url);
    for (const round of [1, 2]) {
      proxy.reset();
      const client = bareUrl(proxy.url, `modern-${round}`);
      await client.connect();
      expect(client.transportType).toBe('http');
      expect(client.era).toBe('modern');
      expect(proxy.seen.map((r) => `${r.method} ${r.rpc} ${r.status}`)).toEqual(['POST server/discover 200']);
      await client.disconnect();
    }
  });
});
