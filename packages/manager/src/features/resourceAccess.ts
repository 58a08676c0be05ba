import {
  BaseMCPClient,
  type Logger,
  type MCPClient,
  type ReadResourceResult,
  type RequestOptions,
} from '@org/mcp-core';
import type { ResourceUpdate } from '../managerEvents.js';
import { capabilityError } from './capabilityError.js';
import type { FeatureIndex } from './featureIndex.js';
import type { NamedResource } from './featureKinds.js';

/** A resource by its server and URI: any URI, listed or not (one made from a template, a link in a tool result). */
export interface ResourceTarget {
  server: string;
  uri: string;
}

/**
 * How a request reaches a server: the manager's own connection, or a user's (a view's route). `owner` names the
 * principal whose own connection the route reaches for `server` (a user-scoped server through a view).
 */
export type ServerRoute = Pick<ResourceServers, 'client' | 'using'> & {
  owner?(server: string): string | undefined;
};

/** What resource access needs of the manager. */
export interface ResourceServers {
  /** The server's live client; while it connects or restarts, waits as a tool call does. */
  client(server: string, label: string, signal: AbortSignal | undefined): Promise<MCPClient>;
  /** Runs `call` as one of the server's calls in flight (it is not stopped for idleness meanwhile). */
  using<T>(server: string, call: () => Promise<T>): Promise<T>;
  /** An update, for the manager's listeners, or with `principal` for that user's views only. */
  emit(update: ResourceUpdate): void;
}

/** Longer URIs in a notification are not kept (a server may send anything). */
const MAX_URI_LENGTH = 8192;
/** Who subscribed: a principal (through a view, never empty), or the manager itself; also the shared connection. */
const MANAGER = '';

/**
 * Reads and subscriptions, routed to the resource's own server. Subscriptions are kept per connection (a
 * server's one connection, or a user's own connection to a user-scoped server), each URI with who asked: sent
 * once while anyone wants it, sent again to every new connection (a restart does not lose them), and an update
 * goes to those who asked only (the manager's listeners, or that user's views).
 */
export class ResourceAccess {
  /** By server, then by connection (its owner; MANAGER: the shared one), each subscribed URI with its subscribers. */
  private readonly subscribed = new Map<string, Map<string, Map<string, Set<string>>>>();

  constructor(
    private readonly resources: FeatureIndex<NamedResource>,
    private readonly servers: ResourceServers,
    private readonly logger: Logger,
  ) {}

  /** Reads a resource on its server, reached through `route` (a user's view routes to that user's connection). */
  async read(
    target: string | ResourceTarget,
    options?: RequestOptions,
    route: ServerRoute = this.servers,
  ): Promise<ReadResourceResult> {
    const { server, uri } = await this.resolve(target);
    // A read in flight is a call: a server on demand is not stopped for idleness under it.
    return route.using(server, async () => {
      const client = await route.client(server, uri, options?.signal);
      // The stack's clients check the result's shape; a custom client answers as it answers.
      if (client instanceof BaseMCPClient) return client.readResource(uri, options);
      return client.request<ReadResourceResult>('resources/read', { uri }, options);
    });
  }

  /** Subscribes for `principal` (a view's user; none: the manager) on the connection `route` reaches. */
  async subscribe(
    target: string | ResourceTarget,
    options?: RequestOptions,
    route: ServerRoute = this.servers,
    principal = MANAGER,
  ): Promise<void> {
    const { server, uri } = await this.resolve(target);
    const owner = route.owner?.(server) ?? MANAGER;
    // As a call: the idle wait starts over once it is answered.
    await route.using(server, async () => {
      const client = await route.client(server, uri, options?.signal);
      assertSubscribable(server, client);
      const uris = this.kept(server, owner);
      const whom = uris.get(uri) ?? new Set<string>();
      const sent = whom.size > 0;
      // Kept before it is sent: an update may arrive right behind the answer.
      whom.add(principal);
      uris.set(uri, whom);
      if (sent) return;
      try {
        await client.request('resources/subscribe', { uri }, options);
      } catch (error) {
        this.drop(server, owner, uri, principal);
        throw error;
      }
    });
  }

  async unsubscribe(
    target: string | ResourceTarget,
    options?: RequestOptions,
    route: ServerRoute = this.servers,
    principal = MANAGER,
  ): Promise<void> {
    const { server, uri } = await this.resolve(target);
    // Someone else still wants it: nothing to tell the server.
    if (!this.drop(server, route.owner?.(server) ?? MANAGER, uri, principal)) return;
    await route.using(server, async () => {
      const client = await route.client(server, uri, options?.signal);
      await client.request('resources/unsubscribe', { uri }, options);
    });
  }

  /** A new connection of `server` (`owner`'s own, for a user-scoped server): its subscriptions are sent again. */
  resubscribe(server: string, client: MCPClient, owner?: string): void {
    const uris = this.connection(server, owner ?? MANAGER);
    if (!uris?.size || !isSubscribable(client)) return;
    for (const uri of uris.keys())
      client.request('resources/subscribe', { uri }).catch((error: unknown) => {
        this.logger.warn({ server, uri, err: error }, 'could not subscribe again after reconnecting');
      });
  }

  /** `notifications/resources/updated` from `server` (from `owner`'s own connection, for a user-scoped one). */
  updated(server: string, params: Record<string, unknown> | undefined, owner?: string): void {
    const uri = params?.uri;
    if (typeof uri !== 'string' || uri.length > MAX_URI_LENGTH) return;
    for (const principal of this.connection(server, owner ?? MANAGER)?.get(uri) ?? [])
      this.servers.emit(principal === MANAGER ? { server, uri } : { server, uri, principal });
  }

  /** Whether a subscription holds `server`'s connection (`owner`'s own, for a user-scoped one) running. */
  holds(server: string, owner?: string): boolean {
    return (this.connection(server, owner ?? MANAGER)?.size ?? 0) > 0;
  }

  /** `server` is gone: its subscriptions, on every connection of it, with it. */
  forget(server: string): void {
    this.subscribed.delete(server);
  }

  private async resolve(target: string | ResourceTarget): Promise<ResourceTarget> {
    if (typeof target !== 'string') return target;
    const resource = await this.resources.find(target);
    return { server: resource.serverName, uri: resource.uri };
  }

  /** Removes `principal` from `uri`'s subscribers; true when no one is left (the server may be told). */
  private drop(server: string, owner: string, uri: string, principal: string): boolean {
    const uris = this.connection(server, owner);
    const whom = uris?.get(uri);
    if (!uris || !whom?.delete(principal)) return false;
    if (whom.size > 0) return false;
    uris.delete(uri);
    if (uris.size === 0) this.subscribed.get(server)?.delete(owner);
    if (this.subscribed.get(server)?.size === 0) this.subscribed.delete(server);
    return true;
  }

  /** The subscriptions of one connection of `server`: its URIs, each with who asked. */
  private connection(server: string, owner: string): Map<string, Set<string>> | undefined {
    return this.subscribed.get(server)?.get(owner);
  }

  private kept(server: string, owner: string): Map<string, Set<string>> {
    const connections = this.subscribed.get(server) ?? new Map<string, Map<string, Set<string>>>();
    this.subscribed.set(server, connections);
    const uris = connections.get(owner) ?? new Map<string, Set<string>>();
    connections.set(owner, uris);
    return uris;
  }
}

function isSubscribable(client: MCPClient): boolean {
  const resources = client.serverCapabilities?.resources as { subscribe?: unknown } | undefined;
  return client.era !== 'modern' && resources?.subscribe === true;
}

function assertSubscribable(server: string, client: MCPClient): void {
  if (isSubscribable(client)) return;
  throw capabilityError(server, client, {
    missing: 'resources.subscribe',
    modern: 'whose resource subscriptions go through subscriptions/listen',
    cannot: 'its resources cannot be subscribed to',
  });
}
