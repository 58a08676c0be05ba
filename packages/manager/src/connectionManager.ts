import type { AuthorizationHandler } from '@org/mcp-auth';
import { type LoadMcpConfigOptions, loadMcpConfig } from '@org/mcp-config';
import type {
  GetPromptResult,
  LoggingLevel,
  MCPClient,
  MCPServersConfig,
  ReadResourceResult,
  RequestOptions,
} from '@org/mcp-core';
import type { LoadedSkill, SkillsOptions } from '@org/mcp-skills';
import type {
  QualifiedPrompt,
  QualifiedResource,
  QualifiedResourceTemplate,
} from './features/featureKinds.js';
import type { ResourceTarget } from './features/resourceAccess.js';
import type { QualifiedSkill } from './features/skillIndex.js';
import { ManagerTools } from './managerTools.js';
import type { ReloadOptions, ReloadResult } from './reload/configReload.js';
import type { WatchOptions } from './reload/configWatcher.js';

export type { ConnectAllOptions, ConnectServerOptions } from './managerOptions.js';

/**
 * A supervisor for many MCP servers: parallel connect with retries, restarts of servers that
 * die, health monitoring, enable/disable, and one tool namespace across all of them.
 * Each server lives in its ManagedServer; this is the registry and the facade over them.
 */
export class MCPConnectionManager extends ManagerTools {
  /**
   * Registers every server of a config (a normalised config, or a path to mcp_servers.json). A file is loaded with
   * `strict: false` unless `options` say otherwise: an entry that cannot be read is a `failed` server whose
   * lastError names its fields, and the others connect.
   */
  async initialize(config: MCPServersConfig | string, options: LoadMcpConfigOptions = {}): Promise<void> {
    this.assertOpen();
    const servers =
      typeof config === 'string' ? await loadMcpConfig(config, { strict: false, ...options }) : config;
    for (const [name, serverConfig] of Object.entries(servers.mcpServers)) this.register(name, serverConfig);
    // Nothing to start: a placeholder config, never used, since the server never connects.
    for (const [name, error] of Object.entries(servers.failed ?? {}))
      this.register(name, { command: '' }).refuse(error);
    this.health.start();
    if (typeof config === 'string' && this.options.watch)
      this.watch(config, this.options.watch === true ? {} : this.options.watch);
  }

  /**
   * Applies a new config by difference (configReload.ts): added servers connected, removed ones stopped, changed
   * ones restarted, the rest untouched. A config that cannot be loaded changes nothing (MCPConfigError).
   */
  async reload(config: MCPServersConfig | string, options?: ReloadOptions): Promise<ReloadResult> {
    this.assertOpen();
    return this.reloader.reload(config, options);
  }

  /** Reloads `file` whenever it changes (debounced); a refused change is a `configReloadFailed` event. Returns a stop. */
  watch(file: string, options: WatchOptions & ReloadOptions = {}): () => void {
    this.assertOpen();
    return this.watchers.watch(file, options);
  }

  /**
   * Runs a server's OAuth authorization with `handler` (else the manager's authorizationHandler, else a
   * loopback handler that prints the URL) and connects it; for a server waiting in `needs-auth`.
   */
  async authorize(name: string, handler?: AuthorizationHandler): Promise<MCPClient> {
    this.assertOpen();
    return this.server(name).authorize(handler);
  }

  /** Every connected server's skills (skills/list, asked afresh) with qualified names made as tool names are. */
  async listSkills(options?: SkillsOptions): Promise<QualifiedSkill[]> {
    this.assertOpen();
    return this.skills.list(options);
  }

  /** A skill by its qualified name, from the last listing (listed again once if it is not there). */
  async getSkill(qualifiedName: string, options?: SkillsOptions): Promise<QualifiedSkill> {
    this.assertOpen();
    return this.skills.get(qualifiedName, options);
  }

  /** Loads a skill from its own server: its SKILL.md now, each other file when read, every file verified. */
  async loadSkill(qualifiedName: string, options?: SkillsOptions): Promise<LoadedSkill> {
    this.assertOpen();
    return this.skills.load(qualifiedName, options);
  }

  /** Every connected server's resources (every page, kept until it says they changed), named as tools are. */
  async listResources(): Promise<QualifiedResource[]> {
    this.assertOpen();
    return this.features.resources.list();
  }

  /** Every connected server's resource templates, named as tools are; read what they make with `{ server, uri }`. */
  async listResourceTemplates(): Promise<QualifiedResourceTemplate[]> {
    this.assertOpen();
    return this.features.templates.list();
  }

  /** Reads a resource on its own server: by qualified name (listResources), or any URI as `{ server, uri }`. */
  async readResource(target: string | ResourceTarget, options?: RequestOptions): Promise<ReadResourceResult> {
    this.assertOpen();
    return this.features.access.read(target, options);
  }

  /** Subscribes to a resource's updates (`resourceUpdated` events); kept across the server's reconnects. */
  async subscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    this.assertOpen();
    return this.features.access.subscribe(target, options);
  }

  async unsubscribeResource(target: string | ResourceTarget, options?: RequestOptions): Promise<void> {
    this.assertOpen();
    return this.features.access.unsubscribe(target, options);
  }

  /** Every connected server's prompts (every page, kept until it says they changed), named as tools are. */
  async listPrompts(): Promise<QualifiedPrompt[]> {
    this.assertOpen();
    return this.features.prompts.list();
  }

  /** Gets a prompt by its qualified name from its own server. */
  async getPrompt(
    qualifiedName: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    this.assertOpen();
    return this.features.getPrompt(qualifiedName, args, options);
  }

  /** Asks a server to send its logs (`serverLog` events) from `level` up, now if connected and at every reconnect. */
  async setLoggingLevel(name: string, level: LoggingLevel): Promise<void> {
    this.assertOpen();
    const server = this.server(name);
    return this.features.logs.set(name, server.status().connected ? server.liveClient() : undefined, level);
  }
}
