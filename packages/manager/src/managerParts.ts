import type { MCPConnectionManager } from './connectionManager.js';
import { ServerFeatures } from './features/serverFeatures.js';
import { ConfigReloader } from './reload/configReload.js';
import { ConfigWatchers } from './reload/configWatcher.js';
import type { ResolvedOptions } from './resolvedOptions.js';
import { ServerRegistry } from './server/serverRegistry.js';
import { ToolSurface } from './tools/toolSurface.js';

/** The parts MCPConnectionManager owns and delegates to. */
export interface ManagerParts {
  servers: ServerRegistry;
  tools: ToolSurface;
  features: ServerFeatures;
  reloader: ConfigReloader;
  watchers: ConfigWatchers;
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
  const emit = (event: string, payload: unknown) =>
    (manager.emit as (e: string, p: unknown) => boolean)(event, payload);
  const server = (name: string) => servers.get(name);
  const tools = new ToolSurface(options, { assertOpen, server });
  const features = new ServerFeatures(options, {
    connected: () => servers.connectedClients(),
    liveClient: (name) => server(name).liveClient(),
    client: (name, label, signal) => server(name).callableClient(label, options.callWhileRestarting, signal),
    emit,
  });
  const servers: ServerRegistry = new ServerRegistry(options, {
    createClientFor: (name) => features.createClientFor(name),
    registered: (s) => tools.track(s),
    toolsMayChange: (s) => tools.sync(s),
    stateChanged: (s, event) => {
      if (event.state === 'connected') features.connected(s.name, s.liveClient());
      else if (event.previous === 'connected') features.disconnected(s.name);
    },
    removed: (name) => {
      tools.forget(name);
      features.removed(name);
      manager.emit('toolsChanged', { server: name });
    },
    emit,
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
    connect: (name) => manager.connectServer(name),
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
  return { servers, tools, features, reloader, watchers };
}
