// manager.telemetry: what the manager's OpenTelemetry costs per tool call when the API is installed but no SDK is
// registered (a no-op tracer and meter), against `telemetry: false`. In process, on core's in-memory transport, so
// the call itself is as cheap as it gets and the overhead is at its most visible. Interleaved rounds, medians; the
// target is MAX_TELEMETRY_COST.
import { BaseMCPClient, InMemoryTransport } from '@org/mcp-core';
import { MCPConnectionManager } from '@org/mcp-manager';
import { summarize } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

const ROUNDS = 9;

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

/** Microseconds per call over `calls` sequential calls. @param {MCPConnectionManager} m @param {number} calls */
async function perCall(m, calls) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await m.callTool('s__echo');
  return ((performance.now() - started) * 1000) / calls;
}

/** @type {Scenario['run']} */
async function telemetryRun(_contender, _target, params) {
  // Ten times the mode's sequential calls per round: in-memory calls are cheap.
  const calls = params.sequential * 10;
  const off = await manager(false);
  const noop = await manager(true);
  try {
    await perCall(off, calls);
    await perCall(noop, calls);
    const offRuns = [];
    const noopRuns = [];
    for (let r = 0; r < ROUNDS; r++) {
      offRuns.push(await perCall(off, calls));
      noopRuns.push(await perCall(noop, calls));
    }
    const offUs = summarize(offRuns).median;
    const noopUs = summarize(noopRuns).median;
    return { offUs, noopUs, ratio: noopUs / offUs };
  } finally {
    await Promise.all([off.shutdown(), noop.shutdown()]);
  }
}

/**
 * @param {BenchParams} _p
 * @returns {Scenario}
 */
export function telemetryScenario(_p) {
  return {
    id: 'manager.telemetry',
    title: 'manager: tools/call with OpenTelemetry installed but no SDK (no-op) vs telemetry off, in process',
    transport: 'memory',
    contenders: ['ours'],
    metrics: [
      { key: 'offUs', label: 'telemetry off µs/call', better: 'lower', kind: 'speed' },
      { key: 'noopUs', label: 'no-op tracer µs/call', better: 'lower', kind: 'speed' },
      { key: 'ratio', label: 'no-op / off', better: 'lower', kind: 'memory' },
    ],
    run: telemetryRun,
  };
}
