import type { TokenSet } from '@org/mcp-auth';

/**
 * This process's copy of token sets read or written through Redis, so a valid token costs no round
 * trip: each entry serves until its access token is due to expire or `ttlMs` has passed (after which
 * Redis is read again, to see another replica's change). Bounded: the oldest entry goes first.
 */
export class TokenCache {
  private readonly entries = new Map<string, { tokens: TokenSet | undefined; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  /** `{ tokens }` while the entry serves (tokens may be undefined: known absent), else undefined. */
  get(id: string): { tokens: TokenSet | undefined } | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry;
    this.entries.delete(id);
    return undefined;
  }

  set(id: string, tokens: TokenSet | undefined): void {
    if (this.ttlMs <= 0) return;
    const now = this.now();
    const until = Math.min(now + this.ttlMs, tokens?.expiresAt ?? Number.POSITIVE_INFINITY);
    this.entries.delete(id);
    if (until <= now) return;
    this.entries.set(id, { tokens, until });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
