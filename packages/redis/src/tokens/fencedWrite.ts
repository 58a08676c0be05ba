import { redisCall } from '../connection/redisCall.js';
import { type RedisConnection, RedisScript } from '../connection/redisConnection.js';
import { whileRedisAway } from '../connection/whileRedisAway.js';
import type { LockHold } from './redisLock.js';

/**
 * Writes (or, with an empty value, deletes) a token set only if no one else can have changed it: the
 * lock is still the writer's, or the stored value is still the one the writer read (its lock expired
 * while Redis was away, say, and no other replica wrote since). Otherwise writes nothing: 0.
 */
const FENCED_WRITE = new RedisScript(`
if redis.call('get', KEYS[1]) ~= ARGV[1] then
  local stored = redis.call('get', KEYS[2])
  if (stored or '') ~= ARGV[4] then return 0 end
end
if ARGV[2] == '' then redis.call('del', KEYS[2])
elseif ARGV[3] == '0' then redis.call('set', KEYS[2], ARGV[2])
else redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
return 1`);

export interface FencedWrite {
  key: string;
  /** The encoded new value; '' deletes. */
  value: string;
  /** Expiry in ms; 0: none. */
  ttlMs: number;
  /** The encoded value read under the lock; '' when there was none. */
  expected: string;
}

/** Whether the write landed, trying again while Redis is away until `giveUpAt`. */
export async function fencedWrite(
  connection: RedisConnection,
  hold: LockHold,
  write: FencedWrite,
  timing: { commandTimeoutMs: number; giveUpAt: number; now: () => number },
): Promise<boolean> {
  const args = {
    keys: [hold.key, write.key],
    arguments: [hold.token, write.value, String(write.ttlMs), write.expected],
  };
  const run = () => redisCall(() => FENCED_WRITE.run(connection, args), timing.commandTimeoutMs);
  return Number(await whileRedisAway(run, timing.giveUpAt, timing.now)) === 1;
}
