import type { ListLimits, Logger, MCPClient } from '@org/mcp-core';
import type { ToolNamingPolicy } from '../managerOptions.js';
import { type Qualified, qualifyNames } from '../tools/toolNaming.js';
import { closestName } from '../util/closestName.js';
import { mapWithConcurrency } from '../util/mapWithConcurrency.js';
import type { CatalogField, FeatureKind } from './featureKinds.js';
import { KeptList } from './keptList.js';

/** What an index needs of the manager: the connected servers, in registration order. */
export interface FeatureServers {
  connected(): ReadonlyMap<string, MCPClient>;
  /** The servers on demand that are not running, with their catalog entry's items of `field`. */
  cataloged?(field: CatalogField): ReadonlyMap<string, readonly unknown[]>;
}

export interface FeatureIndexSettings {
  policy: ToolNamingPolicy;
  concurrency: number;
  limits: ListLimits | undefined;
  logger: Logger;
}

/**
 * Every connected server's items of one kind (resources, templates, prompts, skills) under names made as tool
 * names are (the `toolNaming` policy, unique across servers and within one). A kind that is `kept` has each
 * server's list read on first use, every page of it, and kept for that connection until the server says it
 * changed; then it is listed again and swapped in. A server whose listing fails is left out and logged, so one
 * bad server never hides the others'.
 */
export class FeatureIndex<T extends { name: string }, O = never> {
  private readonly lists = new Map<string, { client: MCPClient; list: KeptList<T> }>();
  private byName = new Map<string, Qualified<T>>();

  constructor(
    private readonly kind: FeatureKind<T, O>,
    private readonly servers: FeatureServers,
    private readonly settings: FeatureIndexSettings,
  ) {}

  async list(options?: O): Promise<Qualified<T>[]> {
    const offering = [...this.servers.connected()].filter(([, client]) => this.kind.offers(client));
    const { concurrency, logger, policy } = this.settings;
    const listed = await mapWithConcurrency(offering, concurrency, async ([server, client]) => {
      const items = await this.read(server, client, options).catch((error: unknown) => {
        logger.warn({ server, err: error }, this.kind.failed);
        return [];
      });
      return [server, items] as const;
    });
    // Servers on demand that are not running: their items from the catalog, reached by starting them.
    const field = this.kind.cataloged;
    if (field)
      for (const [server, items] of this.servers.cataloged?.(field) ?? [])
        listed.push([server, items as T[]]);
    const items = qualifyNames(new Map(listed), policy, this.kind.collision);
    this.byName = new Map(items.map((item) => [item.qualifiedName, item]));
    return items;
  }

  /** The item of that name in the last listing, listing again once if it is not there. */
  async find(qualifiedName: string, options?: O): Promise<Qualified<T>> {
    const item =
      this.byName.get(qualifiedName) ??
      (await this.list(options)).find((i) => i.qualifiedName === qualifiedName);
    if (item) return item;
    throw this.kind.unknown(qualifiedName, closestName(qualifiedName, this.byName.keys()));
  }

  /** Whether a client's server offers this kind. */
  offers(client: MCPClient): boolean {
    return this.kind.offers(client);
  }

  /** The server said its list changed: the new list is read and swapped in if the old one was (else on next use). */
  async changed(server: string, client: MCPClient): Promise<void> {
    const entry = this.lists.get(server);
    if (entry?.client !== client) return;
    await entry.list.changed().catch((error: unknown) => {
      this.settings.logger.warn({ server, err: error }, 'could not list again after list_changed');
    });
  }

  delete(server: string): void {
    this.lists.delete(server);
  }

  private read(server: string, client: MCPClient, options: O | undefined): Promise<readonly T[]> {
    if (!this.kind.kept) return this.kind.list(client, this.settings.limits, options);
    const entry = this.lists.get(server);
    if (entry?.client === client) return entry.list.get();
    // A new connection lists anew: what the last one listed may be gone.
    const list = new KeptList(() => this.kind.list(client, this.settings.limits, options));
    this.lists.set(server, { client, list });
    return list.get();
  }
}
