import type { MCPClient, MCPServerConfig } from '@org/mcp-core';
import { settled } from '@org/mcp-core/internal';
import type { ManagerEventMap } from '../managerEvents.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ConnectTurns } from '../server/connectTurns.js';
import { ManagedServer } from '../server/managedServer.js';
import { stoppedError } from '../server/serverErrors.js';
import type { ServerStatus } from '../server/serverStatus.js';
import { userConnectionLimitError } from './userErrors.js';
import { UserSecrets } from './userSecrets.js';
import { type UserVariables, userConfigOf } from './userVariables.js';

/** The events of a user's connection, each sent to that user's views with the principal. */
const USER_EVENTS = [
  'serverStateChanged',
  'toolsChanged',
  'serverError',
  'circuitStateChanged',
  'authorizationRequired',
] as const;

/** One user's connection to a user-scoped server, and what holds it open. */
interface UserConnection {
  principal: string;
  server: ManagedServer;
  /** The user's variable values, kept out of what the connection says. */
  secrets: UserSecrets;
  /** Calls (and starts) that acquired it and have not ended: never closed under them. */
  held: number;
  /** Its close, once begun; it counts against the cap until done. */
  closing: Promise<void> | undefined;
}

/** A user's own connection's resource subscriptions (kept with everyone's, by the manager's resource access). */
export interface UserSubscriptions {
  /** Whether the user's subscriptions hold their connection open. */
  holds(server: string, principal: string): boolean;
  /** The user's connection is new: their subscriptions are sent again. */
  resubscribe(server: string, client: MCPClient, principal: string): void;
  /** `notifications/resources/updated` on the user's connection. */
  updated(server: string, params: Record<string, unknown> | undefined, principal: string): void;
}

/** What one server's user connections need of the manager. */
export interface UserConnectionsHost {
  options: ResolvedOptions;
  turns: ConnectTurns;
  subscriptions: UserSubscriptions;
  /** Every event of a user's connection, for that user's views. */
  emit(principal: string, event: keyof ManagerEventMap, payload: object): void;
  /** A user's connection is up (its tools may fill the catalog). */
  connected(server: ManagedServer): void;
}

/**
 * One user-scoped server's connections, one per principal (a ManagedServer each, with that user's config and
 * OAuth principal), in least-recently-used order. A user's first use opens one; it closes after
 * `userIdleTimeout` idle. At `maxUserConnections`, a new user's connection closes the least recently used idle
 * one first; with none idle the call fails at once (USER_CONNECTION_LIMIT). A connection held by a call is
 * never closed.
 */
export class UserConnections {
  /** By principal, least recently used first. */
  private readonly connections = new Map<string, UserConnection>();
  /** Closed for good (removed, replaced, shut down): nothing opens again. */
  private retired = false;

  constructor(
    readonly name: string,
    private readonly config: MCPServerConfig,
    private readonly host: UserConnectionsHost,
  ) {}

  get idleTimeout(): number {
    return this.config.userIdleTimeout ?? this.host.options.userIdleTimeout;
  }

  get cap(): number {
    return this.config.maxUserConnections ?? this.host.options.maxUserConnections;
  }

  /** How many connections there are (closing ones too: they may still hold a process). */
  get size(): number {
    return this.connections.size;
  }

  /** The user's connection's status, if one is open; its errors name no variable value. */
  statusOf(principal: string): ServerStatus | undefined {
    const connection = this.connections.get(principal);
    if (!connection || connection.closing) return undefined;
    const status = connection.server.status();
    const { lastError } = status;
    return lastError
      ? { ...status, lastError: { ...lastError, message: connection.secrets.text(lastError.message) } }
      : status;
  }

  /** Runs `use` with the user's connection (opened if need be), held open meanwhile. */
  run<T>(
    principal: string,
    variables: UserVariables,
    use: (server: ManagedServer) => Promise<T>,
  ): Promise<T> {
    const open = this.connections.get(principal);
    // An open connection is used at once (the hot path: no wait before the send); else one is opened.
    if (open && !open.closing && !this.retired) return this.use(this.hold(open), use);
    return this.acquire(principal, variables).then((connection) => this.use(connection, use));
  }

  /** Closes every connection (a removal, a reload that changed the server, shutdown). */
  async closeAll(): Promise<void> {
    this.retired = true;
    await Promise.all([...this.connections.values()].map((c) => this.close(c)));
  }

  /** The user's connection, held (the caller releases it): an open one, else a new one once the cap allows. */
  private async acquire(principal: string, variables: UserVariables): Promise<UserConnection> {
    for (;;) {
      // A call that was on its way when the server went (a reload, shutdown) opens nothing that would outlive it.
      if (this.retired) throw stoppedError(this.name);
      const found = this.connections.get(principal);
      if (found?.closing) {
        await found.closing;
        continue;
      }
      if (found) return this.hold(found);
      if (this.connections.size < this.cap) return this.open(principal, variables);
      const idle = [...this.connections.values()].find((c) => !c.closing && this.isIdle(c));
      const closing = [...this.connections.values()].find((c) => c.closing);
      if (idle) await this.close(idle);
      else if (closing) await closing.closing;
      else throw userConnectionLimitError(this.name, this.cap);
    }
  }

  /** Holds an open connection for a use; it becomes the most recently used. */
  private hold(connection: UserConnection): UserConnection {
    this.connections.delete(connection.principal);
    this.connections.set(connection.principal, connection);
    connection.held += 1;
    return connection;
  }

  /** Runs `use` on a held connection, released when it ends; its errors name no variable value. */
  private use<T>(connection: UserConnection, use: (server: ManagedServer) => Promise<T>): Promise<T> {
    return settled(() => use(connection.server)).then(
      (result) => {
        connection.held -= 1;
        return result;
      },
      (error: unknown) => {
        connection.held -= 1;
        throw connection.secrets.error(error);
      },
    );
  }

  private isIdle(connection: UserConnection): boolean {
    // The idle timer's idle: no call in flight, nothing (a subscription) holding it.
    return connection.held === 0 && connection.server.onDemand.idle.idle;
  }

  private open(principal: string, variables: UserVariables): UserConnection {
    // A missing variable throws here: nothing is opened, nothing else is touched.
    const { config, used } = userConfigOf(this.name, this.config, variables, this.idleTimeout);
    const secrets = new UserSecrets(used);
    const { options, turns } = this.host;
    const logger = secrets.logger(options.logger.child({ principal }));
    const clientLogger = options.clientLogger && secrets.logger(options.clientLogger);
    const { subscriptions } = this.host;
    const own: ResolvedOptions = {
      ...options,
      // Its resource updates go to this user's subscriptions.
      createClient: (clientConfig, clientOptions) => {
        const client = options.createClient(clientConfig, clientOptions);
        client.on('notification', ({ method, params }) => {
          if (method === 'notifications/resources/updated')
            subscriptions.updated(this.name, params, principal);
        });
        return client;
      },
      logger,
      clientLogger,
      principal,
      authorizationHandler: undefined,
    };
    const server = new ManagedServer(this.name, config, own, turns);
    const connection: UserConnection = { principal, server, secrets, held: 1, closing: undefined };
    // A call, or a subscription of this user, holds it open (no idle close, no eviction).
    server.onDemand.inUse = () => connection.held > 0 || subscriptions.holds(this.name, principal);
    this.connections.set(principal, connection);
    const forward = (event: keyof ManagerEventMap) =>
      server.on(event, (payload: object) => {
        if ('error' in payload) secrets.error(payload.error);
        this.host.emit(principal, event, { ...payload, principal });
      });
    for (const event of USER_EVENTS) forward(event);
    server.on('serverStateChanged', (change) => {
      if (change.state === 'connected') {
        subscriptions.resubscribe(this.name, server.liveClient(), principal);
        this.host.connected(server);
      }
      // Stopped for idleness: it holds no connection, and goes unless a call holds it again.
      if (change.state === 'lazy' && change.reason === 'idle' && connection.held === 0)
        void this.close(connection);
    });
    return connection;
  }

  private close(connection: UserConnection): Promise<void> {
    connection.closing ??= connection.server.retire('closed').then(() => {
      if (this.connections.get(connection.principal) === connection)
        this.connections.delete(connection.principal);
    });
    return connection.closing;
  }
}
