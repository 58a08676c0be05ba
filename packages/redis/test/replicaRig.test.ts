import { headlessAuthorizationHandler, OAuthProvider } from '@org/mcp-auth';
import { ERROR_CATALOGUE } from '@org/mcp-core';
import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
  waitUntil,
} from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { useRedis } from './support/redisFixture.js';
import { Replica } from './support/replicaProcess.js';

// A production Redis keeps what it holds across a restart: this one writes every change to its append-only file.
const redis = useRedis({ persistent: true });
const LOCK_TTL_MS = 2_000;
/** Generous: the events below come at the pace of a 4 s token on a loaded machine. */
const WAIT_MS = 90_000;

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
/** Every refresh the authorization server answered: which refresh token it redeemed, and its status. */
const refreshes: { token: string; status: number }[] = [];

beforeAll(async () => {
  as = await startAuthorizationServer({
    accessTokenTtl: 4,
    onRequest: (seen, status) => {
      if (seen.path.endsWith('/token') && seen.body.get('grant_type') === 'refresh_token')
        refreshes.push({ token: seen.body.get('refresh_token') ?? '', status });
    },
  });
  mcp = await startProtectedMcpServer(as);
  // Authorized once, by a person: the registered client, tokens and token key go to Redis.
  const store = new RedisTokenStore({ connection: redis.connection() });
  const auth = new OAuthProvider({ store, authorizationHandler: headlessAuthorizationHandler() });
  const first = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'login', auth });
  await first.connect();
  await first.disconnect();
});
afterAll(async () => {
  await mcp?.close();
  await as?.close();
});

const untilRefreshes = (count: number, what: string) =>
  waitUntil(() => refreshes.length >= count, `${what}: ${count} refreshes`, WAIT_MS);

describe('three replicas on one RedisTokenStore', () => {
  it('refresh each expiry once, survive a lock holder SIGKILLed mid-refresh and a Redis restart', async () => {
    const replicas = [0, 1, 2].map(() => new Replica(redis.server().url, mcp.url, LOCK_TTL_MS));
    try {
      await Promise.all(replicas.map((replica) => replica.when('ready')));
      await untilRefreshes(2, 'under load');

      // Each replica stops inside the lock before a due refresh; the first to get there is killed there.
      for (const replica of replicas) replica.tell('arm');
      const holder = await Promise.race(
        replicas.map((replica) => replica.when('holding').then(() => replica)),
      );
      for (const replica of replicas) replica.tell('disarm');
      const before = refreshes.length;
      await holder.kill();
      const killedAt = Date.now();
      await untilRefreshes(before + 1, 'after the holder was killed');
      const tookOver = Date.now() - killedAt;
      const alive = replicas.filter((replica) => replica !== holder);

      const callsBeforeRestart = alive.map((replica) => replica.calls().length);
      await redis.server().restart();
      const afterRestart = refreshes.length;
      await untilRefreshes(afterRestart + 2, 'after Redis restarted');
      // Every replica calls successfully again by itself.
      await waitUntil(
        () =>
          alive.every((replica, i) =>
            replica
              .calls()
              .slice((callsBeforeRestart[i] ?? 0) + 1)
              .some((c) => c.ok),
          ),
        'calls after the restart',
        WAIT_MS,
      );

      for (const replica of alive) replica.tell('stop');
      await Promise.all(alive.map((replica) => replica.when('stopped')));

      // Each refresh token was redeemed once, and every redemption succeeded: no replica refreshed what another had.
      expect(new Set(refreshes.map((r) => r.token)).size).toBe(refreshes.length);
      expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
      // Before the restart no call failed, a lock holder killed or not: as many as one process would have passed.
      const beforeRestart = alive.flatMap((replica, i) => replica.calls().slice(0, callsBeforeRestart[i]));
      expect(beforeRestart.filter((call) => !call.ok)).toEqual([]);
      // Then calls went on; any that failed failed typed, with a code of the catalogue (Redis away while a refresh was due).
      const calls = alive.flatMap((replica) => replica.calls());
      const failed = calls.filter((call) => !call.ok);
      expect(calls.filter((call) => call.ok).length).toBeGreaterThan(failed.length);
      for (const call of failed) expect(ERROR_CATALOGUE).toHaveProperty(call.code as string);
      // No token lost: Redis holds the newest tokens, whose refresh token was never redeemed.
      const store = new RedisTokenStore({ connection: await redis.connect(), cacheTtlMs: 0 });
      const stored = await store.getTokens({ resource: mcp.url, issuer: as.issuer });
      expect(stored?.refreshToken).toBeDefined();
      expect(refreshes.map((r) => r.token)).not.toContain(stored?.refreshToken);
      // The killed holder's lock expired and another replica completed the refresh within lockWaitMs.
      expect(tookOver).toBeLessThan(30_000);
      console.log(
        `replica rig: ${refreshes.length} refreshes, ${calls.length} calls, ${failed.length} failed (${[...new Set(failed.map((c) => c.code))].join(', ') || 'none'}), refresh taken over ${tookOver} ms after the kill (lockTtlMs ${LOCK_TTL_MS})`,
      );
    } catch (error) {
      // What each replica said last, to tell which phase stalled.
      const tails = replicas.map((replica) =>
        replica.messages
          .map((m) => (m.type === 'call' ? (m.ok ? 'ok' : m.code) : m.type))
          .filter((word, i, words) => word !== words[i - 1])
          .join(' '),
      );
      throw new Error(
        `${(error as Error).message}; ${refreshes.length} refreshes; replicas said last: ${tails.join(' | ')}`,
      );
    } finally {
      await Promise.all(replicas.map((replica) => replica.kill()));
    }
  }, 300_000);
});
