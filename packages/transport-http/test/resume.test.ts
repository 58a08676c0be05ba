import type { ConnectionSnapshot, RequestObserver } from '@org/mcp-core';
import { eraCache } from '@org/mcp-core/internal';
import { type RunningHttpServer, startEverything, startOfficialModern } from '@org/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MCPHttpClient } from '../src/index.js';

type Server = RunningHttpServer & { url: string };

let everything: Server;
let official: Server;
const clients: MCPHttpClient[] = [];

beforeAll(async () => {
  [everything, official] = await Promise.all([startEverything('streamableHttp'), startOfficialModern()]);
});
afterAll(async () => {
  await Promise.all([everything?.close(), official?.close()]);
});
beforeEach(() => eraCache.clear());
afterEach(async () => {
  for (const client of clients.splice(0)) await client.disconnect();
});

/** A client as a function run per request makes one: the methods it sends are recorded. */
function client(server: Server): { client: MCPHttpClient; sent: string[] } {
  const sent: string[] = [];
  const observeRequest: RequestObserver = (request) => {
    sent.push(request.method);
    return undefined;
  };
  const made = new MCPHttpClient({ transport: 'http', url: server.url }, { observeRequest });
  clients.push(made);
  return { client: made, sent };
}

/** A snapshot as it comes back from wherever it was kept between runs. */
async function keptSnapshot(server: Server): Promise<{ snapshot: ConnectionSnapshot; first: MCPHttpClient }> {
  const { client: first } = client(server);
  await first.connect();
  const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as ConnectionSnapshot;
  return { snapshot, first };
}

describe('a connection resumed from a snapshot', () => {
  it('a stateful handshake-era server (server-everything): the session is taken up with one ping, no initialize', async () => {
    const { snapshot, first } = await keptSnapshot(everything);
    expect(snapshot).toMatchObject({ version: 1, transportType: 'http', era: 'handshake' });
    expect(snapshot.sessionId).toEqual(expect.any(String));
    expect(snapshot.serverCapabilities).toEqual(first.serverCapabilities);

    const { client: resumed, sent } = client(everything);
    await resumed.connect({ resume: snapshot });
    expect(sent).toEqual(['ping']);
    expect(resumed.protocolVersion).toBe(first.protocolVersion);
    expect(resumed.serverInfo).toEqual(first.serverInfo);
    const result = await resumed.callTool('echo', { message: 'resumed' });
    expect(JSON.stringify(result.content)).toContain('resumed');
    expect(resumed.snapshot()?.sessionId).toBe(snapshot.sessionId);
  });

  it('a session the server no longer knows: a new handshake, and the calls go on', async () => {
    const { snapshot, first } = await keptSnapshot(everything);
    // Its end DELETEs the session: the server forgets it.
    await first.disconnect();
    const { client: resumed, sent } = client(everything);
    await resumed.connect({ resume: snapshot });
    // The era learnt by the first connect is remembered: the new handshake goes straight to initialize.
    expect(sent.slice(0, 2)).toEqual(['ping', 'initialize']);
    expect(resumed.state).toBe('connected');
    expect(resumed.snapshot()?.sessionId).not.toBe(snapshot.sessionId);
    const result = await resumed.callTool('echo', { message: 'anew' });
    expect(JSON.stringify(result.content)).toContain('anew');
  });

  it('the modern era (the official 2.x server, 2026-07-28): nothing is sent to resume, not even discover', async () => {
    const { snapshot } = await keptSnapshot(official);
    expect(snapshot).toMatchObject({ era: 'modern', protocolVersion: '2026-07-28' });
    expect(snapshot.sessionId).toBeUndefined();
    const { client: resumed, sent } = client(official);
    await resumed.connect({ resume: snapshot });
    expect(resumed.era).toBe('modern');
    await resumed.getTools();
    expect(sent).not.toContain('server/discover');
    expect(sent).not.toContain('initialize');
  });

  it('holds no header value: the snapshot is what was agreed, never a credential', async () => {
    const secret = 'header-secret-5c1e9b';
    const made = new MCPHttpClient({
      transport: 'http',
      url: everything.url,
      headers: { 'x-api-key': secret },
    });
    clients.push(made);
    await made.connect();
    expect(JSON.stringify(made.snapshot())).not.toContain(secret);
  });

  it('a snapshot of another format or transport: a new handshake', async () => {
    const { snapshot } = await keptSnapshot(official);
    for (const bad of [{ ...snapshot, version: 2 }, { ...snapshot, transportType: 'sse' }, {}]) {
      const { client: resumed, sent } = client(official);
      await resumed.connect({ resume: bad as ConnectionSnapshot });
      expect(sent[0]).toBe('server/discover');
      await resumed.disconnect();
    }
  });
});
