import type { Tool } from './mcpTypes.js';

/**
 * One client's tool list: kept until invalidated or until the ttl a stateless-era server gave,
 * with one listing in flight at a time. A listing that started before an invalidation is handed
 * to its caller but not kept.
 */
export class ToolCache {
  private tools: Tool[] | undefined;
  private inflight: Promise<Tool[]> | undefined;
  private generation = 0;
  private expiry: number | undefined;
  private byName: Map<string, Tool> | undefined;

  /** The cached list when fresh, else the listing in flight, else a new one from `list`. */
  get(refresh: boolean, list: () => Promise<{ tools: Tool[]; ttl: number | undefined }>): Promise<Tool[]> {
    const fresh = this.tools && (this.expiry === undefined || Date.now() < this.expiry);
    if (!refresh && fresh && this.tools) return Promise.resolve(this.tools);
    if (!refresh && this.inflight) return this.inflight;
    const generation = this.generation;
    const inflight = list()
      .then(({ tools, ttl }) => {
        if (generation === this.generation) {
          this.tools = tools;
          this.byName = undefined;
          this.expiry = ttl === undefined ? undefined : Date.now() + ttl;
        }
        return tools;
      })
      .finally(() => {
        if (this.inflight === inflight) this.inflight = undefined;
      });
    this.inflight = inflight;
    return inflight;
  }

  /** A tool of the last listing, without listing again; undefined when not listed (yet). */
  find(name: string): Tool | undefined {
    if (!this.tools) return undefined;
    this.byName ??= new Map(this.tools.map((tool) => [tool.name, tool]));
    return this.byName.get(name);
  }

  invalidate(): void {
    this.generation++;
    this.tools = undefined;
    this.byName = undefined;
    this.inflight = undefined;
  }
}
