import type { AppView } from './appView.js';

/**
 * The views read from each server's current connection, by URI: at most `maxPerServer` each, the least recently
 * used one dropped first. A read in flight is kept as its promise, so concurrent readers share one
 * `resources/read`; a failed read is not kept. `drop` forgets a server's views (list change, reconnect, removal):
 * a read still in flight then lands nowhere.
 */
export class ViewCache {
  private readonly servers = new Map<string, Map<string, Promise<AppView>>>();

  constructor(private readonly maxPerServer: number) {}

  get(server: string, uri: string, read: () => Promise<AppView>): Promise<AppView> {
    let views = this.servers.get(server);
    const kept = views?.get(uri);
    if (views && kept) {
      // Most recently used last: Map keeps insertion order.
      views.delete(uri);
      views.set(uri, kept);
      return kept;
    }
    if (!views) {
      views = new Map();
      this.servers.set(server, views);
    }
    const reading = read();
    views.set(uri, reading);
    while (views.size > this.maxPerServer) views.delete(views.keys().next().value as string);
    const own = views;
    reading.catch(() => {
      if (own.get(uri) === reading) own.delete(uri);
    });
    return reading;
  }

  drop(server: string): void {
    this.servers.delete(server);
  }

  /** How many views are kept for a server (tests, status). */
  size(server: string): number {
    return this.servers.get(server)?.size ?? 0;
  }
}
