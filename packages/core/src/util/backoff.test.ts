import { describe, expect, it } from 'vitest';
import { calculateBackoff } from './backoff.js';

describe('calculateBackoff', () => {
  it('doubles from 1 s and caps at 30 s without jitter', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((n) => calculateBackoff(n, { jitter: false }));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('adds 0–50 % jitter from the injected random source', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const base = calculateBackoff(attempt, { jitter: false });
      for (const r of [0, 0.25, 0.5, 0.999]) {
        const d = calculateBackoff(attempt, { random: () => r });
        expect(d).toBeGreaterThanOrEqual(base);
        expect(d).toBeLessThanOrEqual(base * 1.5);
        expect(d).toBeCloseTo(base * (1 + 0.5 * r));
      }
    }
  });

  it('stays within [d, 1.5 d] with the real random source and honours base and max', () => {
    for (let i = 0; i < 200; i++) {
      const d = calculateBackoff(2);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(6000);
    }
    expect(calculateBackoff(3, { baseDelay: 100, maxDelay: 500, jitter: false })).toBe(500);
    expect(calculateBackoff(10_000, { jitter: false })).toBe(30000);
    expect(calculateBackoff(-3, { jitter: false })).toBe(1000);
  });
});
