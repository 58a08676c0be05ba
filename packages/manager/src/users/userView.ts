import type { AuthorizationHandler } from '@org/mcp-auth';
import type {
  CallToolOptions,
  CallToolResult,
  GetPromptResult,
  MCPClient,
  ReadResourceResult,
  RequestOptions,
  TaskCallOptions,
  TaskInfo,
  TaskWaitOptions,
  Tool,
  ToolTaskStart,
} from '@org/mcp-core';
import type {
  QualifiedPrompt,
  QualifiedResource,
  QualifiedResourceTemplate,
} from '../features/featureKinds.js';
import type { ResourceTarget } from '../features/resourceAccess.js';
import type { ManagerEvents } from '../managerEvents.js';
import type { ServerStatus } from '../server/serverStatus.js';
import { CALL_TOOL, callMetaTool, SEARCH_TOOLS } from '../tools/metaTools.js';
import type { ToolSearchResult } from '../tools/toolDirectory.js';
import type { QualifiedTool } from '../tools/toolNaming.js';
import { UserRoute, type ViewHost } from './userRoute.js';
import type { UserVariables } from './userVariables.js';

/** What forUser() takes besides the principal. */
export interface UserViewOptions {
  /** The values of `${user:NAME}` in this user's user-scoped servers, by NAME. Secrets. Default: none. */
  variables?: Record<string, string>;
}

type Listener<E extends keyof ManagerEvents> = (event: ManagerEvents[E]) => void;
type AnyListener = (event: never) => void;

/** What a view listens with on the manager (shared events) and on its principal's (its own connections'). */
interface Subscription {
  shared: (payload: { principal?: string }) => void;
  own: (payload: unknown) => void;
}

/**
 * One end user's view of a manager (manager.forUser): the agent-facing API, with every user-scoped server
 * reached through this user's own connection and credentials, and the events that concern this user only.
 * Cheap: creating one starts nothing, and an idle one holds no connection.
 */
export class MCPUserView {
  readonly #host: ViewHost;
  readonly #route: UserRoute;
  readonly #subscriptions = new Map<AnyListener, Map<keyof ManagerEvents, Subscription>>();

  constructor(
    host: ViewHost,
    readonly principal: string,
    variables: UserVariables,
  ) {
    this.#host = host;
    this.#route = new UserRoute(host, principal, variables);
  }

  /** Every tool this user may call: the shared servers' and the user-scoped servers' (from the catalog), same names for everyone. */
  async listTools(): Promise<QualifiedTool[]> {
    return this.#host.parts.tools.list();
  }

  /** Calls a tool by its qualified name; a user-scoped server's through this user's connection (opened on first use). */
  async callTool(name: string, args: object = {}, options?: CallToolOptions): Promise<CallToolResult> {
    this.#host.assertOpen();
    if (this.#host.options.metaTools && (name === SEARCH_TOOLS || name === CALL_TOOL)) {
      const self = { searchTools: this.searchTools.bind(this), callTool: this.callTool.bind(this) };
      return callMetaTool(self, name, args as Record<string, unknown>, options);
    }
    return this.#route.callTool(name, args, options);
  }

  searchTools(query: string, options: { limit?: number } = {}): ToolSearchResult[] {
    return this.#host.parts.tools.search(query, options);
  }

  metaTools(): Tool[] {
    return this.#host.parts.tools.metaTools();
  }

  async callToolAsTask(name: string, args: object = {}, options?: TaskCallOptions): Promise<ToolTaskStart> {
    return this.#route.tasks.callToolAsTask(name, args, options);
  }

  async getTask(server: string, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return this.#route.tasks.getTask(server, taskId, options);
  }

  async getTaskResult(server: string, taskId: string, options?: TaskWaitOptions): Promise<CallToolResult> {
    return this.#route.tasks.getTaskResult(server, taskId, options);
  }

  async cancelTask(server: string, taskId: string, options?: RequestOptions): Promise<TaskInfo | undefined> {
    return this.#route.tasks.cancelTask(server, taskId, options);
  }

  async listTasks(server: string, options?: RequestOptions): Promise<TaskInfo[]> {
    return this.#route.tasks.listTasks(server, options);
  }

  async listResources(): Promise<QualifiedResource[]> {
    this.#host.assertOpen();
    return this.#host.parts.features.resources.list();
  }

  async listResourceTemplates(): Promise<QualifiedResourceTemplate[]> {
    this.#host.assertOpen();
    return this.#host.parts.features.templates.list();
  }

  async readResource(target: string | ResourceTarget, options?: RequestOptions): Promise<ReadResourceResult> {
    this.#host.assertOpen();
    return this.#host.parts.features.access.read(target, options, this.#route);
  }

  /**
   * Subscribes this user to a resource's updates: `resourceUpdated` reaches this user's views only. On a
   * user-scoped server it is this user's own connection's subscription (sent again when it reconnects), and it
   * holds that connection open (no idle close, no eviction) until unsubscribed.
   */
  async subscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    this.#host.assertOpen();
    return this.#host.parts.features.access.subscribe(target, options, this.#route, this.principal);
  }

  async unsubscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    this.#host.assertOpen();
    return this.#host.parts.features.access.unsubscribe(target, options, this.#route, this.principal);
  }

  async listPrompts(): Promise<QualifiedPrompt[]> {
    this.#host.assertOpen();
    return this.#host.parts.features.prompts.list();
  }

  async getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    this.#host.assertOpen();
    return this.#host.parts.features.getPrompt(name, args, options, this.#route);
  }

  /**
   * Each server as this user sees it: a shared server's status, and for a user-scoped one, this user's own
   * connection (or, with none open, the server waiting on demand). Never a variable, header or env value.
   */
  async getServerStatus(): Promise<Record<string, ServerStatus>> {
    const { servers, users } = this.#host.parts;
    const status = servers.status();
    for (const name of Object.keys(status)) {
      if (!users.isUserScoped(name)) continue;
      const own = users.statusOf(name, this.principal);
      status[name] = { ...(own ?? (status[name] as ServerStatus)), scope: 'user' };
    }
    return status;
  }

  /**
   * Runs the OAuth authorization of a server for this user with `handler` (else a loopback handler) and
   * connects it. A user-scoped server's tokens are this user's own; a shared server's serve everyone.
   */
  async authorize(name: string, handler?: AuthorizationHandler): Promise<MCPClient> {
    return this.#route.authorize(name, handler);
  }

  /** Listens to the manager's events that concern this user: the shared servers' and this user's own connections'. */
  on<E extends keyof ManagerEvents>(event: E, listener: Listener<E>): this {
    const byEvent = this.#subscriptions.get(listener) ?? new Map<keyof ManagerEvents, Subscription>();
    if (byEvent.has(event)) return this;
    const deliver = listener as (payload: unknown) => void;
    const subscription: Subscription = {
      // Another user's events reach the manager too (with their principal): never this view.
      shared: (payload) => {
        if (payload.principal === undefined) deliver(payload);
      },
      own: deliver,
    };
    byEvent.set(event, subscription);
    this.#subscriptions.set(listener, byEvent);
    this.#host.parts.users.hub.onShared(event, subscription.shared);
    this.#host.parts.users.hub.on(this.principal, event, subscription.own);
    return this;
  }

  off<E extends keyof ManagerEvents>(event: E, listener: Listener<E>): this {
    const byEvent = this.#subscriptions.get(listener);
    const subscription = byEvent?.get(event);
    if (!byEvent || !subscription) return this;
    byEvent.delete(event);
    if (byEvent.size === 0) this.#subscriptions.delete(listener);
    this.#host.parts.users.hub.offShared(event, subscription.shared);
    this.#host.parts.users.hub.off(this.principal, event, subscription.own);
    return this;
  }
}
