import { randomBytes } from 'node:crypto';
import { sleep } from '@org/mcp-core/internal';
import { redisCall } from '../connection/redisCall.js';
import { type RedisConnection, RedisScript } from '../connection/redisConnection.js';
import { whileRedisAway } from '../connection/whileRedisAway.js';

/** Extends the lock's expiry while its holder still holds it. */
const RENEW = new RedisScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
);
/** Lets go of the lock only when it is still this holder's (compare and delete). */
const RELEASE = new RedisScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
);

export interface RedisLockOptions {
  /** The lock's expiry: how long a holder that died keeps others waiting. */
  ttlMs: number;
  /** How long to wait for another holder before giving up. */
  waitMs: number;
  /** Pause between attempts while another holds it. */
  retryMs: number;
  commandTimeoutMs: number;
}

/** Another holder kept the lock for longer than the wait. */
export class LockWaitTimedOut extends Error {}

/**
 * One holding of a distributed lock: SET NX PX with a random token, renewed every third of its
 * expiry while the work runs, released by compare-and-delete. `lost` turns true when a renewal
 * finds the lock gone (expired while this holder stalled): what it then writes must be fenced.
 */
export class LockHold {
  lost = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly connection: RedisConnection,
    readonly key: string,
    readonly token: string,
    private readonly options: RedisLockOptions,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(options.ttlMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const args = { keys: [this.key], arguments: [this.token, String(this.options.ttlMs)] };
    try {
      const renewed = await redisCall(() => RENEW.run(this.connection, args), this.options.commandTimeoutMs);
      if (Number(renewed) !== 1) this.stopRenewing(true);
    } catch {
      // Redis unreachable for a moment: the next renewal tries again; the fenced write decides.
    }
  }

  private stopRenewing(lost: boolean): void {
    this.lost ||= lost;
    clearInterval(this.timer);
  }

  /** Stops renewing and deletes the lock if it is still this holder's; never throws (it expires anyway). */
  async release(): Promise<void> {
    this.stopRenewing(false);
    const args = { keys: [this.key], arguments: [this.token] };
    await redisCall(() => RELEASE.run(this.connection, args), this.options.commandTimeoutMs).catch(() => {});
  }
}

/** Takes the lock at `key`, waiting while another holds it or Redis does not answer, up to `waitMs`. */
export async function acquireLock(
  connection: RedisConnection,
  key: string,
  options: RedisLockOptions,
  now: () => number = Date.now,
): Promise<LockHold> {
  const token = randomBytes(16).toString('base64url');
  const giveUpAt = now() + options.waitMs;
  for (;;) {
    const set = () =>
      connection.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: options.ttlMs } });
    const taken = await whileRedisAway(() => redisCall(set, options.commandTimeoutMs), giveUpAt, now);
    if (taken !== null && taken !== undefined) return new LockHold(connection, key, token, options);
    if (now() >= giveUpAt) throw new LockWaitTimedOut();
    await sleep(options.retryMs);
  }
}
