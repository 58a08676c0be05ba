import type { MCPClient, Tool } from '@org/mcp-core';
import { type FeatureKind, PROMPTS, RESOURCE_TEMPLATES, RESOURCES } from '../features/featureKinds.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ManagedServer } from '../server/managedServer.js';
import { catalogKey } from './catalogKey.js';
import { CATALOG_VERSION, type CatalogEntry, type CatalogStore } from './catalogStore.js';
import { FileCatalogStore } from './fileCatalogStore.js';
import { MemoryCatalogStore } from './memoryCatalogStore.js';

type Lists = Omit<CatalogEntry, 'version' | 'savedAt'>;

/** The connection a catalog entry is read from: its tools (as the manager holds them) and whether it is still up. */
interface LiveConnection {
  tools: readonly Tool[];
  alive(): boolean;
}

const ownConnection = (server: ManagedServer): LiveConnection => ({
  get tools() {
    return server.tools;
  },
  alive: () => server.status().connected,
});

/**
 * The manager's side of the catalog: each server's entry read when it is registered (its tools then offered
 * while it is not running), and written when its live lists differ from the entry or the entry is older than
 * catalogMaxAge. The store: the manager's catalogStore, else a file when a server is lazy, else memory.
 * A store that fails is logged, never an error: the catalog is a cache.
 */
export class ServerCatalog {
  private chosen: CatalogStore | undefined;
  /** Per server: its entry as read (undefined: none), once read. */
  private readonly entries = new Map<string, Promise<CatalogEntry | undefined>>();
  /** Per server: its entry once read or written, for the features' listings. */
  private readonly knownEntries = new Map<string, CatalogEntry>();
  /** Per server: the lists written last (or read) and whether they are fresh, to write only a change. */
  private readonly written = new Map<string, { lists: string; fresh: boolean }>();
  /** Per server: its writes, one at a time. */
  private readonly writes = new Map<string, Promise<void>>();
  /** Per server: a write queued and not begun, which a later change joins (a connect tells three at once). */
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly anyLazy: () => boolean,
  ) {}

  get store(): CatalogStore {
    const { catalogStore, catalogPath: path, logger } = this.options;
    this.chosen ??=
      catalogStore ?? (this.anyLazy() ? new FileCatalogStore({ path, logger }) : new MemoryCatalogStore());
    return this.chosen;
  }

  /**
   * Whether the catalog keeps `server`: one on demand (lazy, or stopped when idle), or any when the manager was
   * given a store. Others are never read or written: an eager manager pays nothing for the catalog.
   */
  covers(server: ManagedServer): boolean {
    return (
      this.options.catalogStore !== undefined ||
      server.onDemand.start === 'lazy' ||
      server.onDemand.idleTimeout > 0
    );
  }

  /** Reads a newly registered server's entry; its tools are offered from it until it runs. */
  load(server: ManagedServer): Promise<CatalogEntry | undefined> {
    if (!this.covers(server)) return Promise.resolve(undefined);
    const read = this.store.get(catalogKey(server.config)).then(
      (entry) => {
        if (!entry) return undefined;
        const fresh = Date.now() - Date.parse(entry.savedAt) <= this.options.catalogMaxAge;
        this.written.set(server.name, { lists: JSON.stringify(listsOf(entry)), fresh });
        this.knownEntries.set(server.name, entry);
        server.useCatalog(entry.tools);
        return entry;
      },
      (error: unknown) => {
        this.options.logger.warn({ server: server.name, err: error }, 'could not read the catalog');
        return undefined;
      },
    );
    this.entries.set(server.name, read);
    return read;
  }

  /** The entry known now for a server (read or written), if any. */
  known(name: string): CatalogEntry | undefined {
    return this.knownEntries.get(name);
  }

  /** The server's entry as read at registration (undefined: none). */
  entry(name: string): Promise<CatalogEntry | undefined> {
    return this.entries.get(name) ?? Promise.resolve(undefined);
  }

  /**
   * The server runs with `client`: its lists are read and written if they differ from the entry, or it is stale.
   * `live`: the tools and liveness of the connection `client` is (a user's), when it is not the server's own.
   */
  record(
    server: ManagedServer,
    client: MCPClient,
    live: LiveConnection = ownConnection(server),
  ): Promise<void> {
    if (!this.covers(server)) return Promise.resolve();
    const { name } = server;
    const waiting = this.queued.get(name);
    if (waiting) return waiting;
    const next = (this.writes.get(name) ?? Promise.resolve()).then(() => {
      this.queued.delete(name);
      return this.write(server, client, live).catch((error: unknown) => {
        // The client went while its lists were read: the entry stays as it was.
        if (live.alive())
          this.options.logger.warn({ server: name, err: error }, 'could not write the catalog');
      });
    });
    this.queued.set(name, next);
    this.writes.set(name, next);
    return next;
  }

  forget(name: string): void {
    this.entries.delete(name);
    this.knownEntries.delete(name);
    this.written.delete(name);
    this.writes.delete(name);
    this.queued.delete(name);
  }

  private async write(server: ManagedServer, client: MCPClient, live: LiveConnection): Promise<void> {
    const lists = await liveLists(client, live.tools);
    if (!live.alive()) return;
    const text = JSON.stringify(lists);
    const last = this.written.get(server.name);
    if (last?.fresh && last.lists === text) return;
    const entry: CatalogEntry = { version: CATALOG_VERSION, savedAt: new Date().toISOString(), ...lists };
    await this.store.set(catalogKey(server.config), entry);
    this.written.set(server.name, { lists: text, fresh: true });
    server.useCatalog(lists.tools);
    this.entries.set(server.name, Promise.resolve(entry));
    this.knownEntries.set(server.name, entry);
  }
}

function listsOf(entry: CatalogEntry): Lists {
  const { protocolVersion, tools, resources, resourceTemplates, prompts } = entry;
  return { protocolVersion, tools, resources, resourceTemplates, prompts };
}

/** What a running server offers now: its tools (as the manager holds them), resources, templates and prompts. */
async function liveLists(client: MCPClient, tools: readonly Tool[]): Promise<Lists> {
  const each = <T extends { name: string }>(kind: FeatureKind<T>): Promise<T[]> =>
    kind.offers(client) ? kind.list(client, undefined, undefined) : Promise.resolve([]);
  const [resources, resourceTemplates, prompts] = await Promise.all([
    each(RESOURCES),
    each(RESOURCE_TEMPLATES),
    each(PROMPTS),
  ]);
  return {
    protocolVersion: client.protocolVersion,
    tools: [...tools],
    resources,
    resourceTemplates,
    prompts,
  };
}
