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

/** How a request reaches a server: the manager's own connection, or a user's (a view's route). */
export type ServerRoute = Pick<ResourceServers, 'client' | 'using'>;

/** What resource access needs of the manager. */
export interface ResourceServers {
  /** The server's live client; while it connects or restarts, waits as a tool call does. */
  client(server: string, label: string, signal: AbortSignal | undefined): Promise<MCPClient>;
  /** Runs `call` as one of the server's calls in flight (it is not stopped for idleness meanwhile). */
  using<T>(server: string, call: () => Promise<T>): Promise<T>;
  emit(update: ResourceUpdate): void;
}

/** Longer URIs in a notification are not kept (a server may send anything). */
const MAX_URI_LENGTH = 8192;

/**
 * Reads and subscriptions, routed to the resource's own server. Subscriptions are the manager's: kept per
 * server, sent again to every new connection of it (a restart does not lose them), and an update is reported
 * only for a URI subscribed to.
 */
export class ResourceAccess {
  private readonly subscribed = new Map<string, Set<string>>();

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

  async subscribe(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    const { server, uri } = await this.resolve(target);
    const client = await this.servers.client(server, uri, options?.signal);
    assertSubscribable(server, client);
    const uris = this.subscribed.get(server) ?? new Set<string>();
    const had = uris.has(uri);
    // Kept before it is sent: an update may arrive right behind the answer.
    uris.add(uri);
    this.subscribed.set(server, uris);
    try {
      await client.request('resources/subscribe', { uri }, options);
    } catch (error) {
      if (!had) uris.delete(uri);
      throw error;
    }
  }

  async unsubscribe(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    const { server, uri } = await this.resolve(target);
    if (!this.subscribed.get(server)?.delete(uri)) return;
    const client = await this.servers.client(server, uri, options?.signal);
    await client.request('resources/unsubscribe', { uri }, options);
  }

  /** A new connection of `server`: its subscriptions are sent again. */
  resubscribe(server: string, client: MCPClient): void {
    const uris = this.subscribed.get(server);
    if (!uris?.size || !isSubscribable(client)) return;
    for (const uri of uris)
      client.request('resources/subscribe', { uri }).catch((error: unknown) => {
        this.logger.warn({ server, uri, err: error }, 'could not subscribe again after reconnecting');
      });
  }

  /** `notifications/resources/updated` from `server`. */
  updated(server: string, params: Record<string, unknown> | undefined): void {
    const uri = params?.uri;
    if (typeof uri !== 'string' || uri.length > MAX_URI_LENGTH) return;
    if (this.subscribed.get(server)?.has(uri)) this.servers.emit({ server, uri });
  }

  /** Whether a subscription holds `server` running. */
  holds(server: string): boolean {
    return (this.subscribed.get(server)?.size ?? 0) > 0;
  }

  forget(server: string): void {
    this.subscribed.delete(server);
  }

  private async resolve(target: string | ResourceTarget): Promise<ResourceTarget> {
    if (typeof target !== 'string') return target;
    const resource = await this.resources.find(target);
    return { server: resource.serverName, uri: resource.uri };
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
