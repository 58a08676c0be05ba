import { sleep } from '@org/mcp-core/internal';
import { RedisCallFailed } from './redisCall.js';

/** Pause between attempts while Redis does not answer (a restart, a failover). */
const PAUSE_MS = 100;

/**
 * Runs `attempt` again while Redis does not answer, until `giveUpAt` (epoch ms by `now`); then the
 * last RedisCallFailed. For the steps of a refresh, where giving up loses more than waiting: a
 * rotated refresh token redeemed but never stored is gone for every replica.
 */
export async function whileRedisAway<T>(
  attempt: () => Promise<T>,
  giveUpAt: number,
  now: () => number,
): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RedisCallFailed) || now() >= giveUpAt) throw error;
      await sleep(PAUSE_MS);
    }
  }
}
