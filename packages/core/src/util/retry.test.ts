import { describe, expect, it, vi } from 'vitest';
import { retry } from './retry.js';

describe('retry', () => {
  it('retries with backoff delays and returns the first success', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`fail ${calls}`);
        return 'ok';
      },
      { maxRetries: 5, backoff: { jitter: false }, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([1000, 2000]);
  });

  it('rethrows the last error after maxRetries and reports each retry', async () => {
    const onRetry = vi.fn();
    await expect(
      retry(
        async (attempt) => {
          throw new Error(`attempt ${attempt}`);
        },
        { maxRetries: 2, onRetry, sleep: async () => {} },
      ),
    ).rejects.toThrow('attempt 2');
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it('stops when shouldRetry says no, and when the signal aborts during the wait', async () => {
    await expect(
      retry(
        async () => {
          throw new Error('fatal');
        },
        { shouldRetry: () => false, sleep: async () => {} },
      ),
    ).rejects.toThrow('fatal');

    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const promise = retry(
        async () => {
          throw new Error('again');
        },
        { signal: controller.signal, maxRetries: 10 },
      );
      const assertion = expect(promise).rejects.toThrow('stop');
      await vi.advanceTimersByTimeAsync(500);
      controller.abort(new Error('stop'));
      await assertion;
    } finally {
      vi.useRealTimers();
    }
  });
});
