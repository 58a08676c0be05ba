import type { ClientRegistration, TokenSet, TokenStore, TokenStoreKey } from '@org/mcp-auth';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { encryptionKeyProblem, ValueCodec, ValueProblem } from '../codec/valueCodec.js';
import { RedisCallFailed, redisCall } from '../connection/redisCall.js';
import { type RedisConnection, replyText } from '../connection/redisConnection.js';
import { keyDigest, slotKey } from '../connection/redisKeys.js';
import { countIssues, type RedisStoreOptions, resolveStoreOptions } from '../connection/storeOptions.js';
import { whileRedisAway } from '../connection/whileRedisAway.js';
import { fencedWrite } from './fencedWrite.js';
import { acquireLock, type LockHold, LockWaitTimedOut } from './redisLock.js';
import { TokenCache } from './tokenCache.js';

export const REDIS_TOKEN_STORE_DEFAULTS = {
  /** The lock's expiry: a holder that dies keeps the others waiting this long at most. */
  lockTtlMs: 5_000,
  /** How long an update waits for another replica's lock before AUTH_STORE_FAILED. */
  lockWaitMs: 30_000,
  /** How long this process trusts its copy of a token set before reading Redis again. */
  cacheTtlMs: 5_000,
  maxCachedTokens: 1_000,
  maxValueBytes: 64 * 1024,
  /** Expiry in Redis of token sets that can be refreshed, of clients and of server keys (30 days). */
  tokenTtlMs: 30 * 24 * 60 * 60 * 1000,
} as const;

export interface RedisTokenStoreOptions extends RedisStoreOptions {
  /** Default 5 000 ms. */
  lockTtlMs?: number | undefined;
  /** Default 30 000 ms; at least lockTtlMs, so a dead holder's lock expires within the wait. */
  lockWaitMs?: number | undefined;
  /** Default 5 000 ms; 0 reads Redis on every getTokens. */
  cacheTtlMs?: number | undefined;
  /** Default 1 000. */
  maxCachedTokens?: number | undefined;
  /** Default 30 days. */
  tokenTtlMs?: number | undefined;
  /** 32 bytes: tokens and clients are stored encrypted (AES-256-GCM). Default: stored as JSON, as the file store does. */
  encryptionKey?: Uint8Array | undefined;
  /** The clock, in epoch ms. */
  now?: (() => number) | undefined;
}

/** The token store's key with the principal it gains (absent: the default principal). */
type PrincipalKey = TokenStoreKey & { principal?: string | undefined };

/**
 * Tokens and registered clients in Redis, shared by every replica: tokens keyed by principal,
 * resource and issuer, clients by issuer. `updateTokens` runs under a distributed lock, so one
 * refresh runs across all replicas and the others read its result. Values are bounded, expire, and
 * may be encrypted; nothing of a token is ever logged or put in an error.
 */
export class RedisTokenStore implements TokenStore {
  private readonly connection: RedisConnection;
  private readonly prefix: string;
  private readonly commandTimeoutMs: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly tokenTtlMs: number;
  private readonly codec: ValueCodec;
  private readonly cache: TokenCache;
  private readonly now: () => number;

  constructor(options: RedisTokenStoreOptions) {
    const d = REDIS_TOKEN_STORE_DEFAULTS;
    const { lockTtlMs, lockWaitMs, maxCachedTokens, tokenTtlMs, cacheTtlMs } = options;
    const issues = countIssues('RedisTokenStore', { lockTtlMs, lockWaitMs, maxCachedTokens, tokenTtlMs });
    if (cacheTtlMs !== undefined && !(Number.isSafeInteger(cacheTtlMs) && cacheTtlMs >= 0))
      issues.push({ path: 'RedisTokenStore.cacheTtlMs', message: 'must be a whole number of ms, 0 or more' });
    if ((lockWaitMs ?? d.lockWaitMs) < (lockTtlMs ?? d.lockTtlMs))
      issues.push({ path: 'RedisTokenStore.lockWaitMs', message: 'must be at least lockTtlMs' });
    const keyProblem =
      options.encryptionKey === undefined ? undefined : encryptionKeyProblem(options.encryptionKey);
    if (keyProblem) issues.push({ path: 'RedisTokenStore.encryptionKey', message: keyProblem });
    const resolved = resolveStoreOptions('RedisTokenStore', options, d.maxValueBytes, issues);
    this.connection = resolved.connection;
    this.prefix = resolved.keyPrefix;
    this.commandTimeoutMs = resolved.commandTimeoutMs;
    this.lockTtlMs = lockTtlMs ?? d.lockTtlMs;
    this.lockWaitMs = lockWaitMs ?? d.lockWaitMs;
    this.tokenTtlMs = tokenTtlMs ?? d.tokenTtlMs;
    this.now = options.now ?? Date.now;
    this.codec = new ValueCodec({ maxBytes: resolved.maxValueBytes, encryptionKey: options.encryptionKey });
    this.cache = new TokenCache(cacheTtlMs ?? d.cacheTtlMs, maxCachedTokens ?? d.maxCachedTokens, this.now);
  }

  async getTokens(key: TokenStoreKey): Promise<TokenSet | undefined> {
    const id = this.tokensKey(key);
    const cached = this.cache.get(id);
    if (cached) return cached.tokens;
    const tokens = (await this.read(id, 'read tokens')) as TokenSet | undefined;
    this.cache.set(id, tokens);
    return tokens;
  }

  async updateTokens(
    key: TokenStoreKey,
    change: (current: TokenSet | undefined) => Promise<TokenSet | undefined>,
  ): Promise<TokenSet | undefined> {
    const id = this.tokensKey(key);
    const hold = await this.lock(slotKey(this.prefix, 'lock', keyDigestOf(key)));
    try {
      // Under the lock Redis is read, never the cache: another replica may have refreshed. A Redis
      // that is away (a restart) is waited for, up to lockWaitMs, at each step.
      const giveUpAt = this.now() + this.lockWaitMs;
      const raw = await this.patiently(() => this.readText(id), giveUpAt, 'read tokens');
      const current = raw === undefined ? undefined : (this.decode(id, raw, 'read tokens') as TokenSet);
      const next = await change(current);
      if (next !== current) await this.write(hold, id, next, raw ?? '', giveUpAt);
      this.cache.set(id, next);
      return next;
    } finally {
      await hold.release();
    }
  }

  async getClient(issuer: string): Promise<ClientRegistration | undefined> {
    return (await this.read(this.clientKey(issuer), 'read a client')) as ClientRegistration | undefined;
  }

  async setClient(issuer: string, client: ClientRegistration | undefined): Promise<void> {
    // A pre-registered client's private key (or the function that reads it) is never stored.
    const { privateKey: _, ...stored } = client ?? {};
    const expiresAt = client?.clientSecretExpiresAt ? client.clientSecretExpiresAt * 1000 : undefined;
    await this.put(this.clientKey(issuer), client && stored, expiresAt, 'write a client');
  }

  async getTokenKey(server: string, principal?: string): Promise<TokenStoreKey | undefined> {
    return (await this.read(this.serverKey(server, principal), 'read a token key')) as
      | TokenStoreKey
      | undefined;
  }

  async setTokenKey(server: string, key: TokenStoreKey | undefined, principal?: string): Promise<void> {
    await this.put(this.serverKey(server, principal), key, undefined, 'write a token key');
  }

  private tokensKey(key: TokenStoreKey): string {
    return slotKey(this.prefix, 'tokens', keyDigestOf(key));
  }

  private clientKey(issuer: string): string {
    return slotKey(this.prefix, 'client', keyDigest(issuer));
  }

  private serverKey(server: string, principal: string | undefined): string {
    return slotKey(this.prefix, 'server', keyDigest(principal ?? '', server));
  }

  private async lock(lockKey: string): Promise<LockHold> {
    const options = {
      ttlMs: this.lockTtlMs,
      waitMs: this.lockWaitMs,
      retryMs: Math.min(50, Math.max(5, Math.floor(this.lockTtlMs / 20))),
      commandTimeoutMs: this.commandTimeoutMs,
    };
    try {
      return await acquireLock(this.connection, lockKey, options, this.now);
    } catch (error) {
      if (error instanceof LockWaitTimedOut)
        throw storeFailed(
          `take the update lock: another holder kept it for more than lockWaitMs (${this.lockWaitMs} ms)`,
        );
      throw storeFailed('take the update lock', error);
    }
  }

  private async write(
    hold: LockHold,
    id: string,
    tokens: TokenSet | undefined,
    expected: string,
    giveUpAt: number,
  ): Promise<void> {
    const value = tokens ? this.encode(id, tokens) : '';
    const ttlMs = tokens ? this.ttlOf(tokens.refreshToken ? undefined : tokens.expiresAt) : 0;
    const timing = { commandTimeoutMs: this.commandTimeoutMs, giveUpAt, now: this.now };
    const written = await this.patiently(
      () => fencedWrite(this.connection, hold, { key: id, value, ttlMs, expected }, timing),
      giveUpAt,
      'write tokens',
    ).catch((error: unknown) => {
      this.cache.delete(id);
      throw error;
    });
    if (!written) {
      this.cache.delete(id);
      throw storeFailed(
        `write tokens: the update lock expired while the change ran (longer than lockTtlMs, ${this.lockTtlMs} ms, without renewal) and another holder changed them`,
      );
    }
  }

  private async patiently<T>(run: () => Promise<T>, giveUpAt: number, what: string): Promise<T> {
    try {
      return await whileRedisAway(run, giveUpAt, this.now);
    } catch (error) {
      throw storeFailed(what, error);
    }
  }

  private async readText(redisKey: string): Promise<string | undefined> {
    return replyText(await redisCall(() => this.connection.get(redisKey), this.commandTimeoutMs));
  }

  private decode(redisKey: string, text: string, what: string): unknown {
    try {
      return this.codec.decode(redisKey, text);
    } catch (error) {
      throw storeFailed(what, error);
    }
  }

  private async read(redisKey: string, what: string): Promise<unknown> {
    let text: string | undefined;
    try {
      text = await this.readText(redisKey);
    } catch (error) {
      throw storeFailed(what, error);
    }
    return text === undefined ? undefined : this.decode(redisKey, text, what);
  }

  private async put(
    redisKey: string,
    value: unknown,
    expiresAt: number | undefined,
    what: string,
  ): Promise<void> {
    try {
      if (value === undefined) {
        await redisCall(() => this.connection.del(redisKey), this.commandTimeoutMs);
        return;
      }
      const text = this.encode(redisKey, value);
      const expiration = { type: 'PX' as const, value: this.ttlOf(expiresAt) };
      await redisCall(() => this.connection.set(redisKey, text, { expiration }), this.commandTimeoutMs);
    } catch (error) {
      throw error instanceof MCPAuthError ? error : storeFailed(what, error);
    }
  }

  private encode(redisKey: string, value: unknown): string {
    try {
      return this.codec.encode(redisKey, value);
    } catch (error) {
      throw storeFailed('write', error);
    }
  }

  /** ms to keep a value: until it expires when it says so (at least 1), never past tokenTtlMs. */
  private ttlOf(expiresAt: number | undefined): number {
    if (expiresAt === undefined) return this.tokenTtlMs;
    return Math.max(1, Math.min(this.tokenTtlMs, Math.ceil(expiresAt - this.now())));
  }
}

function keyDigestOf(key: TokenStoreKey): string {
  return keyDigest((key as PrincipalKey).principal ?? '', key.resource, key.issuer);
}

/** AUTH_STORE_FAILED saying what could not be done and why, never a value (no cause: a client's error may quote one). */
function storeFailed(what: string, error?: unknown): MCPAuthError {
  const why = error instanceof RedisCallFailed || error instanceof ValueProblem ? `: ${error.message}` : '';
  return new MCPAuthError(AuthErrorCode.AUTH_STORE_FAILED, `The Redis token store could not ${what}${why}.`);
}
