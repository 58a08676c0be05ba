import {
  BaseMCPClient,
  type ClientOptions,
  InMemoryTransport,
  type JSONRPCMessage,
  type MCPClient,
} from '@org/mcp-core';
import { type ManagerOptions, MCPConnectionManager } from '../src/index.js';

/** How the in-memory server treats one tools/call: answer, never answer, a JSON-RPC error or an isError result. */
export type CallMode = 'answer' | 'hang' | 'rpc-error' | 'is-error' | 'held';

/**
 * A manager of one connected in-process server `s` (the clock is fake in these tests, so no real process) whose
 * tools/call behaviour the test sets through `mode`; 'held' calls wait until `releaseHeld()`.
 */
export async function loadServer(options: ManagerOptions, servers: string[] = ['s']) {
  const control = { mode: 'answer' as CallMode, received: 0, pings: true };
  const held: (() => void)[] = [];
  const client = (options: ClientOptions): MCPClient =>
    new BaseMCPClient({
      ...options,
      name: options.name ?? 'x',
      transportType: 'memory',
      era: 'handshake',
      createTransport: () => {
        const [clientEnd, server] = InMemoryTransport.createLinkedPair();
        const reply = (id: number, body: object) =>
          void server.send({ jsonrpc: '2.0', id, ...body } as JSONRPCMessage).catch(() => {});
        server.onmessage = (m) => {
          const msg = m as { id?: number; method: string };
          if (msg.id === undefined) return;
          const id = msg.id;
          if (msg.method === 'initialize')
            return reply(id, {
              result: {
                protocolVersion: '2025-11-25',
                capabilities: { tools: {} },
                serverInfo: { name: 'mem', version: '1' },
              },
            });
          if (msg.method === 'tools/list')
            return reply(id, { result: { tools: [{ name: 'work', inputSchema: { type: 'object' } }] } });
          if (msg.method === 'ping') return control.pings ? reply(id, { result: {} }) : undefined;
          if (msg.method !== 'tools/call') return reply(id, { result: {} });
          control.received++;
          const ok = { result: { content: [{ type: 'text', text: 'done' }] } };
          switch (control.mode) {
            case 'answer':
              return reply(id, ok);
            case 'rpc-error':
              return reply(id, { error: { code: -32603, message: 'broken tool' } });
            case 'is-error':
              return reply(id, { result: { content: [{ type: 'text', text: 'no' }], isError: true } });
            case 'held':
              held.push(() => reply(id, ok));
              return;
            case 'hang':
              return;
          }
        };
        return clientEnd;
      },
    });
  const m = new MCPConnectionManager({ ...options, createClient: (_c, o) => client(o) });
  await m.initialize({ mcpServers: Object.fromEntries(servers.map((s) => [s, { command: 'unused' }])) });
  for (const s of servers) await m.connectServer(s);
  const releaseHeld = () => {
    for (const answer of held.splice(0)) answer();
  };
  return { m, control, releaseHeld };
}
