import type { RetryOptions } from '@org/mcp-core/internal';
import type { ConnectServerOptions } from '../managerOptions.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { retryJudge, startupExit } from './isRetryable.js';

export type RetryNotice = Parameters<NonNullable<RetryOptions['onRetry']>>[0];

/**
 * Core's retry() options for one connect sequence. A failure that cannot heal ends it (isRetryable, each judged
 * against the one before), and the first retry after the server exited while starting goes at once: exiting
 * alike again proves the failure permanent within milliseconds; anything else goes on with the backoff.
 */
export function connectRetries(
  options: ResolvedOptions,
  connect: ConnectServerOptions,
  signal: AbortSignal,
  onRetry: (notice: RetryNotice) => void,
): RetryOptions {
  const judge = retryJudge();
  const { sleep } = options;
  let atOnce = false;
  return {
    maxRetries: connect.maxRetries ?? options.maxRetries,
    signal,
    backoff: options.backoff,
    // retry() asks this, then tells onRetry, then sleeps: all three about the same failure.
    shouldRetry: (error, attempt) => {
      atOnce = attempt === 0 && startupExit(error) !== undefined;
      return judge(error);
    },
    onRetry: (notice) => onRetry(atOnce ? { ...notice, delay: 0 } : notice),
    sleep: (ms, abort) => (atOnce ? Promise.resolve() : sleep(ms, abort)),
  };
}
