import { McpApps } from './apps/mcpApps.js';
import { ServerCatalog } from './catalog/serverCatalog.js';
import type { MCPConnectionManager } from './connectionManager.js';
import { ServerFeatures } from './features/serverFeatures.js';
import { ConfigReloader } from './reload/configReload.js';
import { ConfigWatchers } from './reload/configWatcher.js';
import type { ResolvedOptions } from './resolvedOptions.js';
import type { ManagedServer } from './server/managedServer.js';
import { ServerRegistry } from './server/serverRegistry.js';
import { ToolSurface } from './tools/toolSurface.js';
import type { EventSource } from './users/userHub.js';
import type { ViewHost } from './users/userRoute.js';
import { Users } from './users/users.js';

/** The parts MCPConnectionManager owns and delegates to. */
export interface ManagerParts {
  servers: ServerRegistry;
  tools: ToolSurface;
  features: ServerFeatures;
  reloader: ConfigReloader;
  watchers: ConfigWatchers;
  catalog: ServerCatalog;
  users: Users;
  apps: McpApps;
  /** What users' views reach through. */
  viewHost: ViewHost;
  /** Stops every server and every user's connection, for good. */
  retireAll(): Promise<void>;
}

/** What the parts need of the facade: its events and public calls, and whether it is open. */
export interface Facade {
  manager: MCPConnectionManager;
  assertOpen(): void;
  shuttingDown(): boolean;
}

/**
 * Makes the manager's parts and wires them to each other: a registered server gets its place among the tools,
 * its connections go to the features, a reload goes through the facade's own calls. The wiring, in one place.
 */
export function composeParts(
  options: ResolvedOptions,
  { manager, assertOpen, shuttingDown }: Facade,
): ManagerParts {
  const emit = (event: string, payload: unknown) => {
    // A server's resources or prompts changed: its catalog entry follows.
    if (event === 'resourcesChanged' || event === 'promptsChanged')
      recordLists((payload as { server: string }).server);
    // A user's subscription: that user's views only.
    const { principal } = payload as { principal?: string };
    if (event === 'resourceUpdated' && principal !== undefined)
      return users.hub.emit(principal, event, payload);
    return (manager.emit as (e: string, p: unknown) => boolean)(event, payload);
  };
  const server = (name: string) => servers.get(name);
  const catalog = new ServerCatalog(options, () =>
    [...servers.values()].some((s) => s.onDemand.start === 'lazy'),
  );
  const recordLists = (name: string) => {
    const s = [...servers.values()].find((each) => each.name === name);
    if (s?.status().connected) void catalog.record(s, s.liveClient());
  };
  /** A lazy server stays down, unless it has no catalog entry: then it starts once to fill one. */
  const readyLazy = async (s: ManagedServer) => {
    // A user-scoped server's catalog entry is filled by its first user's connection.
    if (s.config.scope === 'user' || (await catalog.entry(s.name))) return;
    await s.connect({}, 'catalog');
    await catalog.record(s, s.liveClient());
    // With no idle timeout to stop it later, it stops now: lazy means not running until called.
    if (s.onDemand.idleTimeout === 0) await s.park();
  };
  const tools = new ToolSurface(options, { assertOpen, server, all: () => servers.values() });
  const features = new ServerFeatures(options, {
    connected: () => servers.connectedClients(),
    liveClient: (name) => server(name).liveClient(),
    client: (name, label, signal) => server(name).callableClient(label, options.callWhileRestarting, signal),
    using: (name, call) => server(name).onDemand.using(call),
    cataloged: (field) => {
      const resting = [...servers.values()].filter((s) => !s.status().connected && s.startsOnCall());
      return new Map(
        resting.flatMap((s) =>
          catalog.known(s.name) ? [[s.name, catalog.known(s.name)?.[field] ?? []]] : [],
        ),
      );
    },
    emit,
  });
  const servers: ServerRegistry = new ServerRegistry(options, {
    createClientFor: (name) => features.createClientFor(name),
    registered: (s) => {
      s.onDemand.inUse = () => features.access.holds(s.name);
      tools.track(s);
      users.track(s);
      void catalog.load(s);
    },
    toolsMayChange: (s) => {
      tools.sync(s);
      if (servers.holds(s) && s.status().connected) void catalog.record(s, s.liveClient());
    },
    readyLazy,
    stateChanged: (s, event) => {
      if (event.state === 'connected') features.connected(s.name, s.liveClient());
      else if (event.previous === 'connected') features.disconnected(s.name);
    },
    removed: async (name) => {
      tools.forget(name);
      features.removed(name);
      catalog.forget(name);
      manager.emit('toolsChanged', { server: name });
      await users.forget(name);
    },
    emit,
  });
  const users: Users = new Users({
    options,
    events: manager as unknown as EventSource,
    get turns() {
      return servers.turns;
    },
    subscriptions: features.access,
    emit: (event, payload) => emit(event, payload),
    // The first user's connection fills the catalog entry every view lists the server's tools from.
    connected: (template, own, client) => {
      if (catalog.known(template.name)) return;
      template.useCatalog(own.tools);
      void catalog.record(template, client, { tools: own.tools, alive: () => own.status().connected });
    },
  });
  const reloader = new ConfigReloader({
    running: () =>
      new Map([...servers.values()].map((s) => [s.name, { config: s.config, enabled: s.enabled }])),
    add: (name, config) => servers.register(name, config),
    remove: (name) => manager.removeServer(name),
    enable: (name) => manager.enableServer(name),
    disable: (name) => manager.disableServer(name),
    refilter: (name, config) => {
      tools.refilter(server(name), config);
      manager.emit('toolsChanged', { server: name });
    },
    connect: (name) =>
      server(name).onDemand.start === 'lazy' ? readyLazy(server(name)) : manager.connectServer(name),
    reloaded: (result) => manager.emit('configReloaded', result),
  });
  const watchers = new ConfigWatchers(
    (file, watchOptions) => (shuttingDown() ? undefined : manager.reload(file, watchOptions)),
    (failure) => {
      options.logger.warn(
        { file: failure.file, err: failure.error },
        'config change refused; the running config stays',
      );
      manager.emit('configReloadFailed', failure);
    },
  );
  const retireAll = async () => {
    await Promise.all([servers.retireAll(), users.retireAll()]);
  };
  // A view's calls and reads go through the facade like any caller's (its hooks, limits, breaker).
  const apps = new McpApps(
    {
      find: (name) => tools.find(name),
      list: () => tools.list(),
      call: (name, args, callOptions) => manager.callTool(name, args, callOptions),
      read: (server, uri, readOptions) => manager.readResource({ server, uri }, readOptions),
      on: (event, listener) => manager.on(event, listener),
    },
    options.apps,
  );
  const parts: ManagerParts = {
    ...{ servers, tools, features, reloader, watchers, catalog, users, apps, retireAll },
    viewHost: {
      options,
      assertOpen,
      get parts() {
        return parts;
      },
    },
  };
  return parts;
}
