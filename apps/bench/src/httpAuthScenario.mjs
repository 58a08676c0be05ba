// http.auth: an authorized call against an unauthenticated one, side by side on the same server
// and in the same run, alternating rounds. The OAuthProvider holds its token, so each call costs
// it a header only: the target is at most MAX_AUTH_COST times the unauthenticated call.
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */

const SMALL = { text: 'hello' };
const ROUNDS = 10;

/** A grant that hands out the bench server's token: the provider's discovery and caching run, no user. */
const benchGrant = {
  name: 'bench',
  registers: false,
  obtain: async () => ({ accessToken: 'bench-token', tokenType: 'Bearer' }),
};

/**
 * @param {string} url
 * @param {import('@org/mcp-transport-http').MCPHttpClientOptions['auth']} [auth]
 */
async function connected(url, auth) {
  const { MCPHttpClient } = await import('@org/mcp-transport-http');
  const client = new MCPHttpClient({ transport: 'http', url }, { name: 'lean', auth });
  await client.connect();
  await client.getTools();
  return client;
}

/**
 * Per-call median latency of each client, over alternating rounds of `perRound` calls.
 * @type {Scenario['run']}
 */
async function httpAuthRun(_contender, target, params) {
  if (target.transport !== 'http') throw new Error('http.auth runs on the HTTP server');
  const { OAuthProvider } = await import('@org/mcp-auth');
  const plain = await connected(target.url);
  const authorized = await connected(
    target.url.replace(/\/mcp$/, '/mcp-auth'),
    new OAuthProvider({ grant: benchGrant }),
  );
  try {
    const perRound = Math.max(10, Math.floor(params.sequential / ROUNDS));
    /** @type {{ plain: number[], authorized: number[] }} */
    const times = { plain: [], authorized: [] };
    const round = async (/** @type {'plain' | 'authorized'} */ which, /** @type {boolean} */ timed) => {
      const client = which === 'plain' ? plain : authorized;
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        await client.callTool('echo', SMALL);
        if (timed) times[which].push(performance.now() - t0);
      }
    };
    await round('plain', false);
    await round('authorized', false);
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? ['authorized', 'plain'] : ['plain', 'authorized'];
      for (const which of /** @type {('plain' | 'authorized')[]} */ (order)) await round(which, true);
    }
    const plainUs = percentile(times.plain, 0.5) * 1000;
    const authUs = percentile(times.authorized, 0.5) * 1000;
    return { plainUs, authUs, ratio: authUs / plainUs };
  } finally {
    await plain.disconnect();
    await authorized.disconnect();
  }
}

/** @returns {Scenario} */
export function httpAuthScenario() {
  return {
    id: 'http.auth',
    title: 'Streamable HTTP: authorized (OAuth, token cached) vs unauthenticated tools/call',
    transport: 'http',
    contenders: ['ours'],
    metrics: [
      { key: 'plainUs', label: 'unauthenticated p50 µs', better: 'lower', kind: 'memory' },
      { key: 'authUs', label: 'authorized p50 µs', better: 'lower', kind: 'memory' },
      { key: 'ratio', label: 'authorized / unauthenticated', better: 'lower', kind: 'memory' },
    ],
    run: httpAuthRun,
  };
}
