import { afterEach, describe, expect, it, vi } from 'vitest';
import { FifoSemaphore } from './fifoSemaphore.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('FifoSemaphore', () => {
  it('holds at most its limit and hands freed turns out in the order they were asked for', async () => {
    const semaphore = new FifoSemaphore(1);
    const first = await semaphore.acquire();
    const order: string[] = [];
    const turn = (name: string) =>
      semaphore.acquire().then((release) => {
        order.push(name);
        return release;
      });
    const b = turn('b');
    const c = turn('c');
    expect([semaphore.held, semaphore.queued, semaphore.free]).toEqual([1, 2, false]);
    first();
    first(); // a second release gives nothing back
    (await b)();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    expect([semaphore.held, semaphore.queued, semaphore.free]).toEqual([0, 0, true]);
  });

  it('takes a waiter out of the queue when its signal aborts, with the reason it was given', async () => {
    const semaphore = new FifoSemaphore(1);
    const release = await semaphore.acquire();
    const abort = new AbortController();
    const waiting = semaphore.acquire({ signal: abort.signal, aborted: () => new Error('gave up') });
    abort.abort();
    await expect(waiting).rejects.toThrow('gave up');
    expect(semaphore.queued).toBe(0);
    await expect(semaphore.acquire({ signal: abort.signal })).rejects.toBe(abort.signal.reason);
    release();
    expect(semaphore.held).toBe(0);
  });

  it('fails a wait past its timeout and every waiter on cancelQueued, leaving held turns alone', async () => {
    vi.useFakeTimers();
    const semaphore = new FifoSemaphore(1);
    await semaphore.acquire();
    const timedOut = semaphore.acquire({ timeout: 1_000, timedOut: () => new Error('too long') });
    const cancelled = semaphore.acquire();
    vi.advanceTimersByTime(1_000);
    await expect(timedOut).rejects.toThrow('too long');
    semaphore.cancelQueued(new Error('stopped'));
    await expect(cancelled).rejects.toThrow('stopped');
    expect([semaphore.held, semaphore.queued]).toEqual([1, 0]);
  });
});
