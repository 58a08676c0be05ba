// redis.tokens: a token read and a refresh through the RedisTokenStore against the in-memory store, on a real
// redis-server on 127.0.0.1. A valid token is served from the store's in-process copy (goal: under 200 µs at
// the median); `cacheTtlMs: 0` shows what a read from Redis costs; a refresh takes the lock, reads, writes, releases.
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

const KEY = { resource: 'https://mcp.example/mcp', issuer: 'https://as.example' };

/**
 * The median time of `count` sequential runs of `body`, in µs.
 * @param {number} count
 * @param {(i: number) => Promise<unknown>} body
 */
async function medianUs(count, body) {
  for (let i = 0; i < Math.min(50, count); i++) await body(i);
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await body(i);
    times.push(performance.now() - start);
  }
  return percentile(times, 0.5) * 1000;
}

/**
 * A token store's read of a valid token and its refresh.
 * @param {import('@org/mcp-auth').TokenStore} store
 * @param {number} count
 */
async function measure(store, count) {
  const expiresAt = Date.now() + 3600_000;
  const refreshed = (/** @type {number} */ i) => ({
    accessToken: `access-${i}`,
    tokenType: 'Bearer',
    refreshToken: `refresh-${i}`,
    expiresAt,
  });
  await store.updateTokens(KEY, async () => refreshed(0));
  const readUs = await medianUs(count, () => store.getTokens(KEY));
  const refreshUs = await medianUs(count, (i) => store.updateTokens(KEY, async () => refreshed(i + 1)));
  return { readUs, refreshUs };
}

/** @type {Scenario['run']} */
async function redisTokenRun(_contender, _target, params) {
  const [{ MemoryTokenStore }, { RedisTokenStore }, { createClient }, { startRedisServer }] =
    await Promise.all([
      import('@org/mcp-auth'),
      import('@org/mcp-redis'),
      import('@redis/client'),
      import('@org/mcp-demo-servers'),
    ]);
  const redis = await startRedisServer();
  const connection = createClient({ url: redis.url });
  connection.on('error', () => {});
  try {
    await connection.connect();
    const count = params.sequential;
    const memory = await measure(new MemoryTokenStore(), count);
    const cached = await measure(new RedisTokenStore({ connection, keyPrefix: 'bench1:' }), count);
    const uncached = await measure(
      new RedisTokenStore({ connection, keyPrefix: 'bench2:', cacheTtlMs: 0 }),
      count,
    );
    return {
      memoryReadUs: memory.readUs,
      redisReadUs: cached.readUs,
      redisRoundTripUs: uncached.readUs,
      memoryRefreshUs: memory.refreshUs,
      redisRefreshUs: cached.refreshUs,
    };
  } finally {
    connection.destroy();
    await redis.close();
  }
}

/**
 * @param {BenchParams} _p
 * @returns {Scenario}
 */
export function redisTokenScenario(_p) {
  const figure = (
    /** @type {string} */ key,
    /** @type {string} */ label,
    /** @type {number} */ goal = 0,
  ) => ({
    key,
    label,
    better: /** @type {const} */ ('lower'),
    kind: /** @type {const} */ ('memory'),
    ...(goal > 0 && { goal }),
  });
  return {
    id: 'redis.tokens',
    title: 'tokens: RedisTokenStore (a real redis-server on loopback) against the in-memory store',
    transport: 'memory',
    contenders: ['ours'],
    metrics: [
      figure('memoryReadUs', 'memory store: valid token read µs (median)'),
      figure('redisReadUs', 'Redis store: valid token read µs (median, cached in process)', 200),
      figure('redisRoundTripUs', 'Redis store: read from Redis µs (median, cacheTtlMs 0)'),
      figure('memoryRefreshUs', 'memory store: updateTokens µs (median)'),
      figure('redisRefreshUs', 'Redis store: updateTokens µs (median: lock, read, fenced write, release)'),
    ],
    run: redisTokenRun,
  };
}
