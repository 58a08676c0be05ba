import type { MCPClient } from '@org/mcp-core';
import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ConnectTurns } from '../server/connectTurns.js';
import type { ManagedServer } from '../server/managedServer.js';
import { stoppedError } from '../server/serverErrors.js';
import type { ServerStatus } from '../server/serverStatus.js';
import { safeName, TOOL_NAME_SEPARATOR } from '../tools/toolNaming.js';
import { UserConnections, type UserSubscriptions } from './userConnections.js';
import { type EventSource, UserHub } from './userHub.js';
import type { UserVariables } from './userVariables.js';

/** What the users' connections need of the manager. */
export interface UsersHost {
  options: ResolvedOptions;
  turns: ConnectTurns;
  /** Users' resource subscriptions on their own connections. */
  subscriptions: UserSubscriptions;
  /** The manager's events, which views of users listen to. */
  events: EventSource;
  /** The manager's own events: a user's `authorizationRequired` and `serverError` go there too, with the principal. */
  emit(event: 'authorizationRequired' | 'serverError', payload: object): void;
  /** A user's connection to `template`'s server came up with `client`. */
  connected(template: ManagedServer, server: ManagedServer, client: MCPClient): void;
}

/**
 * The user-scoped servers (`"scope": "user"`): each is registered like any server (its record, its tool
 * filter, its catalog entry, the tools every view lists) but never connects itself; each user's calls go to
 * that user's own connection (UserConnections), and the events of those connections to that user's views.
 */
export class Users {
  private readonly servers = new Map<string, { template: ManagedServer; users: UserConnections }>();
  readonly hub: UserHub;

  constructor(private readonly host: UsersHost) {
    this.hub = new UserHub(host.events);
  }

  /** A registered server: tracked when it is user-scoped. */
  track(template: ManagedServer): void {
    if (template.config.scope !== 'user') return;
    const users = new UserConnections(template.name, template.config, {
      options: this.host.options,
      turns: this.host.turns,
      subscriptions: this.host.subscriptions,
      emit: (principal, event, payload) => {
        this.hub.emit(principal, event, payload);
        if (event === 'authorizationRequired' || event === 'serverError') this.host.emit(event, payload);
      },
      connected: (server) => {
        if (this.servers.get(template.name)?.template === template)
          this.host.connected(template, server, server.liveClient());
      },
    });
    this.servers.set(template.name, { template, users });
  }

  isUserScoped(name: string): boolean {
    return this.servers.has(name);
  }

  /** The user-scoped server a qualified name is named after (`server__…`), while no tool of it is known yet. */
  ownerOf(qualifiedName: string): string | undefined {
    for (const { template } of this.servers.values())
      if (
        qualifiedName.startsWith(`${safeName(template.name)}${TOOL_NAME_SEPARATOR}`) &&
        template.knownTools.length === 0
      )
        return template.name;
    return undefined;
  }

  /** Runs `use` with the user's connection to `name` (opened if need be), held open meanwhile. */
  run<T>(
    name: string,
    principal: string,
    variables: UserVariables,
    use: (server: ManagedServer) => Promise<T>,
  ): Promise<T> {
    return this.of(name).run(principal, variables, use);
  }

  /** The status of the user's connection to `name`, if one is open. */
  statusOf(name: string, principal: string): ServerStatus | undefined {
    return this.of(name).statusOf(principal);
  }

  /** A server was removed (or replaced by a reload): its users' connections close. */
  async forget(name: string): Promise<void> {
    const entry = this.servers.get(name);
    this.servers.delete(name);
    await entry?.users.closeAll();
  }

  async retireAll(): Promise<void> {
    await Promise.all([...this.servers.values()].map(({ users }) => users.closeAll()));
  }

  /** The manager's status with each user-scoped server's scope and count of user connections. */
  status(base: Record<string, ServerStatus>): Record<string, ServerStatus> {
    for (const [name, { users }] of this.servers) {
      const status = base[name];
      if (status) base[name] = { ...status, scope: 'user', userConnections: users.size };
    }
    return base;
  }

  private of(name: string): UserConnections {
    const entry = this.servers.get(name);
    // Removed meanwhile (a reload, removeServer).
    if (!entry) throw stoppedError(name);
    return entry.users;
  }
}
