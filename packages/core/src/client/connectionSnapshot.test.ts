import { beforeEach, describe, expect, it } from 'vitest';
import { ScriptedServer } from '../../test/scriptedServer.js';
import { eraCache } from '../era/eraCache.js';
import { BaseMCPClient } from './baseClient.js';
import type { ConnectionSnapshot } from './connectionSnapshot.js';

/** A client on a transport without sessions (as stdio), to a fresh server each time. */
function clientFor(server: ScriptedServer, era: 'auto' | 'handshake' = 'handshake') {
  return new BaseMCPClient({
    name: 'snap',
    transportType: 'memory',
    era,
    createTransport: () => server.clientTransport,
  });
}
const methods = (server: ScriptedServer) => server.received.map((m) => ('method' in m ? m.method : 'answer'));

describe('connection snapshots', () => {
  beforeEach(() => eraCache.clear());

  it('are JSON-safe copies of what was agreed, and undefined unless connected', async () => {
    const server = new ScriptedServer();
    const client = clientFor(server);
    expect(client.snapshot()).toBeUndefined();
    await client.connect();
    const snapshot = client.snapshot() as ConnectionSnapshot;
    expect(snapshot).toEqual({
      version: 1,
      transportType: 'memory',
      era: 'handshake',
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'scripted', version: '1.0.0' },
      serverCapabilities: { tools: { listChanged: true } },
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    await client.disconnect();
    expect(client.snapshot()).toBeUndefined();
  });

  it('a handshake-era snapshot on a transport without sessions (a new process) runs the handshake again', async () => {
    const first = new ScriptedServer();
    const original = clientFor(first);
    await original.connect();
    const snapshot = original.snapshot() as ConnectionSnapshot;
    const fresh = new ScriptedServer();
    const resumed = clientFor(fresh);
    await resumed.connect({ resume: snapshot });
    expect(methods(fresh)).toContain('initialize');
    expect(resumed.state).toBe('connected');
  });
});
