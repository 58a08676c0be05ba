import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deadline } from './deadline.js';

// Core cannot use @org/test-utils (which depends on core): the same two lines it uses for a forced GC.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));

afterEach(() => {
  vi.useRealTimers();
});

describe('deadline', () => {
  it('fires although garbage is collected all along and nothing but its timer holds it', async () => {
    const parent = new AbortController();
    const { signal } = deadline(30, parent.signal);
    const collecting = setInterval(gc, 2);
    try {
      const reason = await aborted(signal);
      expect((reason as DOMException).name).toBe('TimeoutError');
    } finally {
      clearInterval(collecting);
    }
  });

  it('runs on the global timers (fake timers drive it) and says it timed out', () => {
    vi.useFakeTimers();
    const d = deadline(1_000);
    vi.advanceTimersByTime(999);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut).toBe(true);
  });

  it('aborts with a parent, with the parent reason, and lets go of the timer', () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const d = deadline(1_000, undefined, parent.signal);
    parent.abort(new Error('stop'));
    expect(d.signal.reason).toEqual(new Error('stop'));
    expect(d.timedOut).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted parent aborts it at once', () => {
    const d = deadline(1_000, AbortSignal.abort('gone'));
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('gone');
  });

  it('clear() stops the timer and unhooks the parents', () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const d = deadline(1_000, parent.signal);
    d.clear();
    vi.advanceTimersByTime(5_000);
    parent.abort();
    expect(d.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
