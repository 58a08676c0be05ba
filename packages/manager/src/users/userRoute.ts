import type { AuthorizationHandler } from '@org/mcp-auth';
import {
  type CallToolOptions,
  type CallToolResult,
  ManagerErrorCode,
  type MCPClient,
  MCPError,
} from '@org/mcp-core';
import type { ServerRoute } from '../features/resourceAccess.js';
import type { ManagerParts } from '../managerParts.js';
import type { ResolvedOptions } from '../resolvedOptions.js';
import { ManagerTasks } from '../tools/managerTasks.js';
import type { QualifiedTool } from '../tools/toolNaming.js';
import type { UserVariables } from './userVariables.js';

/** What a user's view needs of the manager. */
export interface ViewHost {
  parts: ManagerParts;
  options: ResolvedOptions;
  /** MANAGER_SHUT_DOWN once the manager is shut down. */
  assertOpen(): void;
}

/**
 * Where one user's requests go: a shared server's to its one connection, a user-scoped server's to that
 * user's own connection (opened on first use). Tool calls, tasks, resource reads and prompts all take it.
 */
export class UserRoute implements ServerRoute {
  private taskRoutes: ManagerTasks | undefined;

  constructor(
    private readonly host: ViewHost,
    private readonly principal: string,
    private readonly variables: UserVariables,
  ) {}

  /** The live client of `name` for this user, waiting (callWhileRestarting) while it starts or restarts. */
  client(name: string, label: string, signal: AbortSignal | undefined): Promise<MCPClient> {
    this.host.assertOpen();
    const { users, servers } = this.host.parts;
    const wait = this.host.options.callWhileRestarting;
    if (!users.isUserScoped(name)) return servers.get(name).callableClient(label, wait, signal);
    return users.run(name, this.principal, this.variables, (s) => s.callableClient(label, wait, signal));
  }

  /** This user, when `name` is user-scoped (its requests go to this user's own connection). */
  owner(name: string): string | undefined {
    return this.host.parts.users.isUserScoped(name) ? this.principal : undefined;
  }

  /** Runs `call` as a call in flight on `name` for this user: nothing closes that connection meanwhile. */
  using<T>(name: string, call: () => Promise<T>): Promise<T> {
    this.host.assertOpen();
    const { users, servers } = this.host.parts;
    if (!users.isUserScoped(name)) return servers.get(name).onDemand.using(call);
    return users.run(name, this.principal, this.variables, (s) => s.onDemand.using(call));
  }

  callTool(name: string, args: object, options: CallToolOptions | undefined): Promise<CallToolResult> {
    this.host.assertOpen();
    const { users, tools } = this.host.parts;
    // A user-scoped server's tool goes to this user's connection; any other through the manager's own routing.
    const send = (tool: QualifiedTool | undefined): Promise<CallToolResult> =>
      tool && users.isUserScoped(tool.serverName)
        ? users.run(tool.serverName, this.principal, this.variables, (server) =>
            tools.sendTo(server, tool, args, options, { principal: this.principal, tasks: this.tasks }),
          )
        : tools.call(name, args, options, this.principal);
    // The hot path stays synchronous up to the send. A name not known yet may start this user's connection
    // first, and is looked up again as it is sent (a reload may have brought its server back meanwhile).
    const known = tools.known(name);
    if (known) return send(known);
    return this.userTool(name, options?.signal).then((tool) => send(tool ?? tools.known(name)));
  }

  /** Authorizes `name` for this user (a user-scoped server: this user's own tokens) and connects it. */
  authorize(name: string, handler: AuthorizationHandler | undefined): Promise<MCPClient> {
    this.host.assertOpen();
    const { users, servers } = this.host.parts;
    if (!users.isUserScoped(name)) return servers.get(name).authorize(handler);
    return users.run(name, this.principal, this.variables, (server) => server.authorize(handler));
  }

  /** Tasks routed as calls are: by qualified name, to the shared server or to this user's connection. */
  get tasks(): ManagerTasks {
    this.taskRoutes ??= new ManagerTasks({
      // A user-scoped server's tool, whose first use may start this user's connection; a shared one's as found.
      tool: async (qualifiedName, signal) => {
        this.host.assertOpen();
        return (await this.userTool(qualifiedName, signal)) ?? this.host.parts.tools.find(qualifiedName);
      },
      client: (name, what, signal) => this.client(name, what, signal),
      following: (name, wait) => this.using(name, wait),
    });
    return this.taskRoutes;
  }

  /**
   * The tool of a user-scoped server a name stands for; undefined for a shared server's (the manager's own
   * routing takes those). A name after a user-scoped server none of whose tools is known yet starts this
   * user's connection, whose tools fill the catalog, and is looked up again.
   */
  private async userTool(name: string, signal: AbortSignal | undefined): Promise<QualifiedTool | undefined> {
    const { users, tools } = this.host.parts;
    try {
      const tool = tools.find(name);
      return users.isUserScoped(tool.serverName) ? tool : undefined;
    } catch (error) {
      if (!(error instanceof MCPError) || error.code !== ManagerErrorCode.UNKNOWN_TOOL) throw error;
      const owner = users.ownerOf(name);
      // Not a user-scoped server's: the manager's routing (a shared server on demand, or its UNKNOWN_TOOL).
      if (!owner) return undefined;
      await this.client(owner, name, signal);
      return tools.find(name);
    }
  }
}
