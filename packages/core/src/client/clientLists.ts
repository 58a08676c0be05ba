import { CachedList, LIST_METHODS, type ListCacheContext, type ListMethod } from '../lists/cachedList.js';
import { MemoryListCacheStore } from '../lists/listCacheStore.js';
import type { Prompt, Resource, Tool } from '../types/mcpTypes.js';
import type { Logger } from '../util/logger.js';
import type { ClientOptions } from './clientOptions.js';

let instances = 0;

/** One client's list caches (tools, prompts, resources) and the store, server and partition they share. */
export class ClientLists {
  readonly tools: CachedList<Tool>;
  readonly prompts: CachedList<Prompt>;
  readonly resources: CachedList<Resource>;
  private readonly ownStore: boolean;

  /** `modernVersion`: the protocol version while connected in the modern era, the only era whose lists are shared. */
  constructor(
    options: ClientOptions & { eraCacheKey?: string },
    logger: Logger,
    modernVersion: () => string | undefined,
  ) {
    // The server in the list cache's keys; without an era cache key, this instance alone.
    const serverIdentity = options.eraCacheKey ?? `instance ${++instances}`;
    this.ownStore = options.listCache === undefined;
    const context: ListCacheContext = {
      store: options.listCache ?? new MemoryListCacheStore(),
      logger,
      serverKey: () => {
        const version = modernVersion();
        return version === undefined ? undefined : `${serverIdentity} ${version}`;
      },
      partition: () => {
        const partition = options.cachePartition;
        return typeof partition === 'function' ? partition() : partition;
      },
    };
    this.tools = new CachedList<Tool>('tools/list', context, true);
    this.prompts = new CachedList<Prompt>('prompts/list', context, false);
    this.resources = new CachedList<Resource>('resources/list', context, false);
  }

  /** Lists that may have changed: on the server (a notification, a resubscription), or for this client only (a reconnect). */
  invalidate(methods: readonly ListMethod[] = LIST_METHODS, onServer = false): void {
    // The client's own store goes with its connection (a restarted server may list anew); a shared one keeps fresh lists.
    const dropStored = onServer || this.ownStore;
    for (const method of methods) this.listFor(method).invalidate(dropStored);
  }

  private listFor(method: ListMethod): CachedList<{ name?: string | undefined }> {
    if (method === 'tools/list') return this.tools;
    return method === 'prompts/list' ? this.prompts : this.resources;
  }
}
