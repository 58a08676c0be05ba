import { type Logger, silentLogger } from '@org/mcp-core';
import { ValueCodec } from '../codec/valueCodec.js';
import { redisCall } from '../connection/redisCall.js';
import { replyText } from '../connection/redisConnection.js';
import { keyDigest, slotKey } from '../connection/redisKeys.js';
import type { ResolvedStoreOptions } from '../connection/storeOptions.js';

/**
 * JSON values under `<prefix><kind>:{<digest of the key>}` for the stores that are caches (catalog,
 * lists, eras): a failure or a bad value is logged (never the key, which may name a caller, nor the
 * value) and counts as no entry; nothing is thrown, since a cache that is down must not fail a call.
 */
export class RedisJsonCache {
  private readonly codec: ValueCodec;

  constructor(
    private readonly options: ResolvedStoreOptions,
    private readonly kind: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.codec = new ValueCodec({ maxBytes: options.maxValueBytes });
  }

  async get(key: string): Promise<unknown> {
    const redisKey = this.redisKey(key);
    try {
      const { connection, commandTimeoutMs } = this.options;
      const text = replyText(await redisCall(() => connection.get(redisKey), commandTimeoutMs));
      return text === undefined ? undefined : this.codec.decode(redisKey, text);
    } catch (error) {
      this.warn('read', error);
      return undefined;
    }
  }

  /** Keeps `value` for `ttlMs` (none: until deleted); a ttl of 0 or less keeps nothing. */
  async set(key: string, value: unknown, ttlMs: number | undefined): Promise<void> {
    const redisKey = this.redisKey(key);
    try {
      const { connection, commandTimeoutMs } = this.options;
      if (ttlMs !== undefined && ttlMs <= 0) {
        await redisCall(() => connection.del(redisKey), commandTimeoutMs);
        return;
      }
      const text = this.codec.encode(redisKey, value);
      const options =
        ttlMs === undefined ? undefined : { expiration: { type: 'PX' as const, value: Math.ceil(ttlMs) } };
      await redisCall(() => connection.set(redisKey, text, options), commandTimeoutMs);
    } catch (error) {
      this.warn('write', error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      const { connection, commandTimeoutMs } = this.options;
      await redisCall(() => connection.del(this.redisKey(key)), commandTimeoutMs);
    } catch (error) {
      this.warn('delete', error);
    }
  }

  private redisKey(key: string): string {
    return slotKey(this.options.keyPrefix, this.kind, keyDigest(key));
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn(
      { store: this.kind, reason: (error as Error)?.message },
      `could not ${what} the Redis ${this.kind} cache; it is bypassed`,
    );
  }
}
