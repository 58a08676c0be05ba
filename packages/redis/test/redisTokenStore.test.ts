import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TokenSet } from '@org/mcp-auth';
import { AuthErrorCode, ConfigErrorCode, MCPAuthError, MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { useRedis } from './support/redisFixture.js';

const redis = useRedis();
const key = { resource: 'https://mcp.example/mcp', issuer: 'https://as.example' };
const SECRET = 'secret-access-token-7f3a';
const tokens = (accessToken: string, extra: Partial<TokenSet> = {}): TokenSet => ({
  accessToken,
  tokenType: 'Bearer',
  refreshToken: `refresh-${accessToken}`,
  ...extra,
});
let prefixes = 0;
/** A store on its own key prefix, so tests do not see each other's keys. */
const storeOn = (options: Partial<ConstructorParameters<typeof RedisTokenStore>[0]> = {}) =>
  new RedisTokenStore({
    connection: redis.connection(),
    ...options,
    keyPrefix: options.keyPrefix ?? `t${++prefixes}:`,
  });

async function failure(promise: Promise<unknown>): Promise<MCPAuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MCPAuthError);
  expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_STORE_FAILED);
  return error as MCPAuthError;
}

describe('RedisTokenStore', () => {
  it('keeps tokens by principal, resource and issuer, clients by issuer, and token keys by server, under its prefix', async () => {
    const store = storeOn({ keyPrefix: 'app1:' });
    await store.updateTokens(key, async () => tokens('a'));
    await store.updateTokens({ ...key, principal: 'alice' } as typeof key, async () => tokens('alice'));
    await store.setClient(key.issuer, { clientId: 'c1', clientSecret: 's1' });
    await store.setTokenKey('https://mcp.example/mcp', key);
    await store.setTokenKey('https://mcp.example/mcp', { ...key, principal: 'alice' } as typeof key, 'alice');

    const other = storeOn({ keyPrefix: 'app1:', cacheTtlMs: 0 });
    expect(await other.getTokens(key)).toEqual(tokens('a'));
    expect(await other.getTokens({ ...key, principal: 'alice' } as typeof key)).toEqual(tokens('alice'));
    expect(await other.getClient(key.issuer)).toEqual({ clientId: 'c1', clientSecret: 's1' });
    expect(await other.getTokenKey('https://mcp.example/mcp')).toEqual(key);
    expect(await other.getTokenKey('https://mcp.example/mcp', 'alice')).toEqual({
      ...key,
      principal: 'alice',
    });
    expect(await storeOn().getTokens(key)).toBeUndefined();
    const keys = await redis.connection().keys('app1:*');
    expect(keys).toHaveLength(5);
    // Keys name no URL and no principal: digests only.
    expect(keys.join(' ')).not.toMatch(/alice|mcp\.example|as\.example/);

    await other.setClient(key.issuer, undefined);
    await other.setTokenKey('https://mcp.example/mcp', undefined);
    await other.updateTokens(key, async () => undefined);
    expect(await other.getClient(key.issuer)).toBeUndefined();
    expect(await other.getTokenKey('https://mcp.example/mcp')).toBeUndefined();
    expect(await other.getTokens(key)).toBeUndefined();
  });

  it('lets tokens that cannot be refreshed expire with their access token, and the rest with tokenTtlMs', async () => {
    const now = Date.now();
    const store = storeOn({ tokenTtlMs: 60_000, now: () => now });
    await store.updateTokens(key, async () =>
      tokens('a', { refreshToken: undefined, expiresAt: now + 10_000 }),
    );
    await store.updateTokens({ ...key, issuer: 'https://other' }, async () => tokens('b'));
    const ttls = await Promise.all(
      (await redis.connection().keys(`t${prefixes}:tokens:*`)).map((k) => redis.connection().pTTL(k)),
    );
    expect(ttls.sort((a, b) => a - b)).toEqual([
      expect.toSatisfy((ttl: number) => ttl > 0 && ttl <= 10_000),
      expect.toSatisfy((ttl: number) => ttl > 10_000 && ttl <= 60_000),
    ]);
  });

  it('never stores a client private key', async () => {
    const store = storeOn();
    await store.setClient(key.issuer, { clientId: 'c', privateKey: 'PEM-SECRET' });
    expect(await store.getClient(key.issuer)).toEqual({ clientId: 'c' });
  });

  it('serves a valid token from this process until cacheTtlMs, then reads what another replica wrote', async () => {
    let now = 1_000_000;
    const store = storeOn({ cacheTtlMs: 5_000, now: () => now });
    const peer = new RedisTokenStore({ connection: redis.connection(), keyPrefix: `t${prefixes}:` });
    await store.updateTokens(key, async () => tokens('first', { expiresAt: now + 60_000 }));
    await peer.updateTokens(key, async () => tokens('second', { expiresAt: now + 60_000 }));
    expect((await store.getTokens(key))?.accessToken).toBe('first');
    now += 5_000;
    expect((await store.getTokens(key))?.accessToken).toBe('second');
  });

  it('runs updates of one key one at a time across stores on separate connections', async () => {
    const stores = [
      storeOn(),
      ...(await Promise.all([redis.connect(), redis.connect()])).map(
        (connection) => new RedisTokenStore({ connection, keyPrefix: `t${prefixes}:` }),
      ),
    ];
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (stores[i % 3] as RedisTokenStore).updateTokens(key, async (current) => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside--;
          return tokens(String(Number(current?.accessToken ?? 0) + 1));
        }),
      ),
    );
    expect(most).toBe(1);
    expect((await storeOn({ keyPrefix: `t${prefixes}:`, cacheTtlMs: 0 }).getTokens(key))?.accessToken).toBe(
      '30',
    );
  });

  it('keeps the lock while a change runs longer than lockTtlMs (renewed)', async () => {
    // 2 s, renewed every 667 ms: a loaded CI machine may delay a renewal timer by a second, never by two.
    const store = storeOn({ lockTtlMs: 2_000 });
    const peer = new RedisTokenStore({
      connection: await redis.connect(),
      keyPrefix: `t${prefixes}:`,
      lockTtlMs: 2_000,
    });
    let release!: () => void;
    const order: string[] = [];
    const first = store.updateTokens(key, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      order.push('first out');
      return tokens('1');
    });
    while (!release) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = peer.updateTokens(key, async (current) => {
      order.push(`second saw ${current?.accessToken}`);
      return tokens('2');
    });
    // More than two expiries pass while the first holds the lock: its renewals keep the second out.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second saw 1']);
  });

  it('writes nothing when the lock was lost while the change ran and another holder wrote meanwhile', async () => {
    const store = storeOn();
    const keyPrefix = `t${prefixes}:`;
    const peer = new RedisTokenStore({ connection: await redis.connect(), keyPrefix });
    await store.updateTokens(key, async () => tokens('kept'));
    const error = await failure(
      store.updateTokens(key, async () => {
        // What an expiry during a stall looks like: the lock is gone, and another replica refreshed.
        await redis.connection().del(await redis.connection().keys(`${keyPrefix}lock:*`));
        await peer.updateTokens(key, async () => tokens('theirs'));
        return tokens(SECRET);
      }),
    );
    expect(error.message).toMatch(/lock expired/);
    expect(error.message).not.toContain(SECRET);
    expect((await storeOn({ keyPrefix, cacheTtlMs: 0 }).getTokens(key))?.accessToken).toBe('theirs');
  });

  it('writes when the lock was lost but no one changed the tokens since they were read', async () => {
    const store = storeOn();
    const keyPrefix = `t${prefixes}:`;
    await store.updateTokens(key, async () => tokens('old'));
    await store.updateTokens(key, async () => {
      await redis.connection().del(await redis.connection().keys(`${keyPrefix}lock:*`));
      return tokens('new');
    });
    expect((await storeOn({ keyPrefix, cacheTtlMs: 0 }).getTokens(key))?.accessToken).toBe('new');
  });

  it('completes an update within the lock expiry when the holder was SIGKILLed holding the lock', async () => {
    const holder = spawn(
      process.execPath,
      [fileURLToPath(new URL('fixtures/lockHolder.mjs', import.meta.url)), redis.server().url, '2000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(holder.stdout, 'data');
    const exited = once(holder, 'exit');
    process.kill(holder.pid as number, 'SIGKILL');
    await exited;
    const killedAt = Date.now();
    const store = new RedisTokenStore({ connection: redis.connection(), lockTtlMs: 2_000 });
    const result = await store.updateTokens(key, async (current) => {
      expect(current).toBeUndefined();
      return tokens('after');
    });
    expect(result?.accessToken).toBe('after');
    // It waited for the dead holder's lock to expire, and not for longer than lockWaitMs.
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(await redis.connection().keys('mcp:lock:*')).toEqual([]);
  });

  it('encrypts values with the user key, bound to their Redis key', async () => {
    const encryptionKey = randomBytes(32);
    const store = storeOn({ encryptionKey });
    await store.updateTokens(key, async () => tokens(SECRET));
    await store.setClient(key.issuer, { clientId: 'c', clientSecret: 'client-secret-99' });
    const [tokensKey] = await redis.connection().keys(`t${prefixes}:tokens:*`);
    const raw = await redis.connection().get(tokensKey as string);
    expect(raw).toMatch(/^enc1\./);
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain('refresh-');

    const reader = (k: Buffer) => storeOn({ keyPrefix: `t${prefixes}:`, encryptionKey: k, cacheTtlMs: 0 });
    expect((await reader(encryptionKey).getTokens(key))?.accessToken).toBe(SECRET);
    const wrongKey = await failure(reader(randomBytes(32)).getTokens(key));
    expect(wrongKey.message).toMatch(/does not decrypt/);
    const plain = await failure(storeOn({ keyPrefix: `t${prefixes}:`, cacheTtlMs: 0 }).getTokens(key));
    expect(plain.message).toMatch(/encrypted, and no encryptionKey/);
    // A value copied under another key does not decrypt there.
    await redis.connection().set(`t${prefixes}:client:{x}`, raw as string);
    const clientKey = (await redis.connection().keys(`t${prefixes}:client:*`)).find(
      (k) => !k.endsWith('{x}'),
    );
    await redis.connection().set(clientKey as string, raw as string);
    await failure(reader(encryptionKey).getClient(key.issuer));
  });

  it('refuses a value over maxValueBytes, naming the sizes and not the value', async () => {
    const store = storeOn({ maxValueBytes: 200 });
    const error = await failure(store.updateTokens(key, async () => tokens(SECRET.repeat(20))));
    expect(error.message).toMatch(/more than maxValueBytes \(200\)/);
    expect(error.message).not.toContain(SECRET);
    expect(error.cause).toBeUndefined();
  });

  it('refuses bad options by name', () => {
    const make = (options: object) => () =>
      new RedisTokenStore({ connection: redis.connection(), ...options });
    for (const [options, path] of [
      [{ lockTtlMs: 0 }, 'RedisTokenStore.lockTtlMs'],
      [{ lockTtlMs: 10_000, lockWaitMs: 5_000 }, 'RedisTokenStore.lockWaitMs'],
      [{ cacheTtlMs: -1 }, 'RedisTokenStore.cacheTtlMs'],
      [{ keyPrefix: 'a {b}' }, 'RedisTokenStore.keyPrefix'],
      [{ encryptionKey: Buffer.alloc(16) }, 'RedisTokenStore.encryptionKey'],
      [{ connection: {} }, 'RedisTokenStore.connection'],
    ] as const) {
      expect(make(options)).toThrow(MCPConfigError);
      try {
        make(options)();
      } catch (error) {
        expect((error as MCPConfigError).code).toBe(ConfigErrorCode.CONFIG_INVALID);
        expect((error as MCPConfigError).issues.map((issue) => issue.path)).toEqual([path]);
      }
    }
  });

  it('fails typed while Redis is down, within commandTimeoutMs, and works again once it is back', async () => {
    const connection = await redis.connect();
    const store = new RedisTokenStore({
      connection,
      keyPrefix: `t${++prefixes}:`,
      commandTimeoutMs: 300,
      cacheTtlMs: 0,
      // An update waits for Redis to come back up to lockWaitMs before it fails.
      lockTtlMs: 500,
      lockWaitMs: 1_000,
    });
    await store.updateTokens(key, async () => tokens(SECRET));
    await redis.server().stop(true);
    try {
      const error = await failure(store.getTokens(key));
      expect(error.message).toMatch(/Redis/);
      expect(error.message).not.toContain(SECRET);
      await failure(store.updateTokens(key, async () => tokens('never')));
    } finally {
      await redis.server().start();
    }
    // No persistence: the restarted Redis is empty, and the store goes on with it by itself.
    await expect
      .poll(() => store.getTokens(key).catch((e: Error) => e.name), { timeout: 10_000 })
      .toBeUndefined();
    await store.updateTokens(key, async () => tokens('again'));
    expect((await store.getTokens(key))?.accessToken).toBe('again');
  });
});
