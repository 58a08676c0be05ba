import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { RestartSupervisor } from './restartSupervisor.js';

const STABLE_AFTER = 60_000;

function supervisor(): RestartSupervisor {
  return new RestartSupervisor('fs', {
    restart: 'on-failure',
    maxRestarts: 5,
    stableAfter: STABLE_AFTER,
  } as ResolvedOptions);
}

describe('RestartSupervisor: the restart budget refills once the server stays up', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds no timer while the budget is whole', () => {
    const s = supervisor();
    s.up();
    expect(vi.getTimerCount()).toBe(0);
    expect(s.restarts).toBe(0);
  });

  it('refills a spent budget after stableAfter up, not when the server goes down before', () => {
    const s = supervisor();
    s.restarts = 3;
    s.up();
    vi.advanceTimersByTime(STABLE_AFTER - 1);
    s.down();
    vi.advanceTimersByTime(STABLE_AFTER);
    expect(s.restarts).toBe(3);
    s.up();
    vi.advanceTimersByTime(STABLE_AFTER - 1);
    expect(s.restarts).toBe(3);
    vi.advanceTimersByTime(1);
    expect(s.restarts).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
