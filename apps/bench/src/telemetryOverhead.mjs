// `node src/telemetryOverhead.mjs`: what the manager's OpenTelemetry costs per tool call when the API is installed but
// no SDK is registered (a no-op tracer and meter), against `telemetry: false`. In process, on core's in-memory
// transport, so the call itself is as cheap as it gets and the overhead is at its most visible. Interleaved runs,
// medians; the goal is within 5 %.
import { BaseMCPClient, InMemoryTransport } from '@org/mcp-core';
import { MCPConnectionManager } from '@org/mcp-manager';
import { summarize } from './stats.mjs';

const CALLS = Number(process.env.CALLS ?? 20_000);
const REPS = Number(process.env.REPS ?? 15);

/** @param {any} options */
function memoryClient(options) {
  return new BaseMCPClient({
    ...options,
    name: options.name ?? 'memory',
    transportType: 'memory',
    era: 'handshake',
    createTransport: () => {
      const [client, server] = InMemoryTransport.createLinkedPair();
      server.onmessage = (/** @type {any} */ message) => {
        if (message.id === undefined) return;
        const results = /** @type {Record<string, Record<string, unknown>>} */ ({
          initialize: {
            protocolVersion: '2025-11-25',
            capabilities: { tools: {} },
            serverInfo: { name: 'm', version: '1' },
          },
          'tools/list': { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] },
        });
        const result = results[message.method] ?? { content: [{ type: 'text', text: 'ok' }] };
        void server.send({ jsonrpc: '2.0', id: message.id, result });
      };
      return client;
    },
  });
}

/** @param {boolean} telemetry */
async function manager(telemetry) {
  const m = new MCPConnectionManager({
    telemetry,
    createClient: (_config, options) => memoryClient(options),
  });
  await m.initialize({ mcpServers: { s: { command: 'unused' } } });
  await m.connectServer('s');
  return m;
}

/** Microseconds per call over CALLS sequential calls. @param {MCPConnectionManager} m */
async function run(m) {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await m.callTool('s__echo');
  return ((performance.now() - started) * 1000) / CALLS;
}

const off = await manager(false);
const noop = await manager(true);
await run(off);
await run(noop);
const offRuns = [];
const noopRuns = [];
for (let rep = 0; rep < REPS; rep++) {
  offRuns.push(await run(off));
  noopRuns.push(await run(noop));
}
const a = summarize(offRuns).median;
const b = summarize(noopRuns).median;
console.log(
  JSON.stringify({
    calls: CALLS,
    reps: REPS,
    usPerCallOff: +a.toFixed(2),
    usPerCallNoop: +b.toFixed(2),
    overhead: `${((b / a - 1) * 100).toFixed(1)} %`,
  }),
);
await Promise.all([off.shutdown(), noop.shutdown()]);
