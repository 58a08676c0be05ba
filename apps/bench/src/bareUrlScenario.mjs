// http.bareUrl, sse.bareUrl: connect + handshake + tools/list of the client a bare `url` in a config
// becomes (Streamable HTTP with the legacy SSE fallback), against the way it connected before
// issue 34, reproduced here: `detectHttpTransport` (a probe initialize POST, then DELETE of its
// session) and then the detected transport's client. Each figure is the median connect, interleaved:
// "first" with nothing remembered of the URL (era and transport memories cleared before each
// connect), "next" for a new client of a URL this process already knows.
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */

/** @param {'http' | 'sse'} transport */
function bareUrlRun(transport) {
  /** @type {Scenario['run']} */
  return async (_contender, target, params) => {
    const { MCPClientFactory } = await import('@org/mcp-manager');
    const { detectHttpTransport, MCPHttpClient } = await import('@org/mcp-transport-http');
    const { MCPSSEClient } = await import('@org/mcp-transport-sse');
    const { eraCache, remoteTransportCache } = await import('@org/mcp-core/internal');
    if (target.transport !== transport)
      throw new Error(`${transport}.bareUrl runs on the ${transport} server`);
    const { url } = target;
    const ways = {
      bare: () =>
        MCPClientFactory.createClient({ transport: 'http', url, sseFallback: true }, { name: 'lean' }),
      probe: async () =>
        (await detectHttpTransport(url)) === 'sse'
          ? new MCPSSEClient({ transport: 'sse', url }, { name: 'lean' })
          : new MCPHttpClient({ transport: 'http', url }, { name: 'lean' }),
    };
    const timed = async (/** @type {'bare' | 'probe'} */ way) => {
      const start = performance.now();
      const client = await ways[way]();
      await client.connect();
      await client.getTools();
      const ms = performance.now() - start;
      await client.disconnect();
      return ms;
    };
    const forget = () => {
      eraCache.clear();
      remoteTransportCache.clear();
    };
    /** @type {Record<string, number[]>} */
    const times = { probeFirstMs: [], firstMs: [], probeNextMs: [], nextMs: [] };
    /** @type {('probe' | 'bare')[]} */
    const both = ['probe', 'bare'];
    for (const way of both) await timed(way); // untimed warm-up
    for (let i = 0; i < params.connects; i++) {
      for (const way of i % 2 ? [...both].reverse() : both) {
        forget();
        times[way === 'bare' ? 'firstMs' : 'probeFirstMs']?.push(await timed(way));
        times[way === 'bare' ? 'nextMs' : 'probeNextMs']?.push(await timed(way));
      }
    }
    forget();
    return Object.fromEntries(Object.entries(times).map(([key, list]) => [key, percentile(list, 0.5)]));
  };
}

/**
 * @param {'http' | 'sse'} transport
 * @returns {Scenario}
 */
export function bareUrlScenario(transport) {
  const name = transport === 'http' ? 'Streamable HTTP' : 'legacy SSE';
  return {
    id: `${transport}.bareUrl`,
    title: `bare url on a ${name} server: connect + handshake + tools/list, now vs the probe of before`,
    transport,
    contenders: ['ours'],
    metrics: [
      { key: 'probeFirstMs', label: 'before, first client ms', better: 'lower', kind: 'memory' },
      { key: 'firstMs', label: 'now, first client ms', better: 'lower', kind: 'memory' },
      { key: 'probeNextMs', label: 'before, next client ms', better: 'lower', kind: 'memory' },
      { key: 'nextMs', label: 'now, next client ms', better: 'lower', kind: 'memory' },
    ],
    run: bareUrlRun(transport),
  };
}
