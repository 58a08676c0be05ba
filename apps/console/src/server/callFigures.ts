import type { ToolCallHook } from '@org/mcp-manager';

/** One server's calls as the console shows them. */
export interface CallFigures {
  calls: number;
  errors: number;
  lastMs: number | undefined;
  /** Median of the last RECENT calls' durations, in ms. */
  p50Ms: number | undefined;
}

/** How many durations per server the median is taken over; older ones are dropped. */
const RECENT = 100;

/** Counts each server's calls through a manager hook (it sees every call, a view's too): counts and durations. */
export class CallCounter {
  private readonly servers = new Map<string, { calls: number; errors: number; durations: number[] }>();

  constructor(private readonly changed: () => void) {}

  hook(): ToolCallHook {
    return {
      name: 'console-figures',
      after: ({ server, error, result, durationMs }) => {
        const kept = this.servers.get(server) ?? { calls: 0, errors: 0, durations: [] };
        kept.calls++;
        if (error !== undefined || result?.isError) kept.errors++;
        kept.durations.push(durationMs);
        if (kept.durations.length > RECENT) kept.durations.shift();
        this.servers.set(server, kept);
        this.changed();
      },
    };
  }

  of(server: string): CallFigures {
    const kept = this.servers.get(server);
    if (!kept) return { calls: 0, errors: 0, lastMs: undefined, p50Ms: undefined };
    const sorted = [...kept.durations].sort((a, b) => a - b);
    return {
      calls: kept.calls,
      errors: kept.errors,
      lastMs: round(kept.durations.at(-1)),
      p50Ms: round(sorted[Math.floor((sorted.length - 1) / 2)]),
    };
  }
}

function round(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms * 10) / 10;
}
