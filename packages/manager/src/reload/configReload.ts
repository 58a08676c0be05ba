import { type LoadMcpConfigOptions, loadMcpConfig } from '@org/mcp-config';
import {
  ConfigErrorCode,
  type ConfigIssue,
  MCPConfigError,
  type MCPServerConfig,
  type MCPServersConfig,
} from '@org/mcp-core';
import { planReload } from './configDiff.js';

/** A server entry of the new config that was refused (non-strict load): the running server, if any, keeps going. */
export interface RefusedEntry {
  /** The server's name, as every manager event names it. */
  server: string;
  /** @deprecated Use `server`; kept for one minor version. */
  name: string;
  error: MCPConfigError;
}

/** What a reload did, by server name; the payload of the `configReloaded` event. */
export interface ReloadResult {
  /** The file reloaded, when it came from one. */
  file: string | undefined;
  added: string[];
  removed: string[];
  /** Started or reached differently: stopped and started again with the new entry. */
  restarted: string[];
  /** Turned on (and connected) or off by the new config's `enabled`. */
  enabled: string[];
  disabled: string[];
  /** A new tool filter only: the process and its calls in flight go on, its tools are offered through the new filter. */
  refiltered: string[];
  /** Untouched: process, session and calls in flight go on. */
  kept: string[];
  refused: RefusedEntry[];
}

export interface ReloadOptions extends LoadMcpConfigOptions {
  /**
   * For a path: false refuses only the entries that are wrong (each in `refused`; a running server of that name
   * keeps its old entry) where the config loader supports it; true refuses the whole file. Default true.
   */
  strict?: boolean;
}

/** What the reloader needs of the manager. */
export interface ReloadHost {
  running(): Map<string, { config: MCPServerConfig; enabled: boolean }>;
  add(name: string, config: MCPServerConfig): void;
  remove(name: string): Promise<void>;
  enable(name: string): Promise<void>;
  disable(name: string): Promise<void>;
  /** Takes an entry that starts the server as its own does, with another tool filter. */
  refilter(name: string, config: MCPServerConfig): void;
  /** Connects it; a failure is in its status, not the reload's. */
  connect(name: string): Promise<unknown>;
  reloaded(result: ReloadResult): void;
}

/** Checks what TypeScript cannot for a config object built at run time: each entry says how to start or reach it. */
function checkShape(config: MCPServersConfig): void {
  const issues: ConfigIssue[] = [];
  const servers: unknown = (config as { mcpServers?: unknown })?.mcpServers;
  if (servers === null || typeof servers !== 'object' || Array.isArray(servers))
    issues.push({ path: 'mcpServers', message: 'must be an object of servers by name' });
  else
    for (const [name, entry] of Object.entries(servers)) {
      const e = entry as Partial<Record<'command' | 'url' | 'transport', unknown>> | null;
      const remote = e?.transport !== undefined && e.transport !== 'stdio';
      const field = remote ? 'url' : 'command';
      if (typeof e?.[field] !== 'string' || e[field] === '')
        issues.push({ path: `mcpServers.${name}.${field}`, message: 'must be a non-empty string' });
    }
  if (issues.length > 0)
    throw new MCPConfigError('Invalid MCP config for reload', {
      code: ConfigErrorCode.CONFIG_INVALID,
      issues,
    });
}

/**
 * Applies new configs to the running manager one reload at a time (a reload asked during another waits for it):
 * only what changed is touched. A config that cannot be loaded changes nothing and rejects with MCPConfigError.
 */
export class ConfigReloader {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ReloadHost) {}

  reload(source: MCPServersConfig | string, options: ReloadOptions = {}): Promise<ReloadResult> {
    const run = this.last.then(() => this.apply(source, options));
    this.last = run.catch(() => {});
    return run;
  }

  private async apply(source: MCPServersConfig | string, options: ReloadOptions): Promise<ReloadResult> {
    const next = typeof source === 'string' ? await loadMcpConfig(source, options) : source;
    checkShape(next);
    // Entries a non-strict load refused, when the loader reports them (`failed`).
    const failed = (next as { failed?: Record<string, MCPConfigError> }).failed ?? {};
    const refused = Object.entries(failed).map(([server, error]) => ({ server, name: server, error }));
    const plan = planReload(this.host.running(), next, new Set(Object.keys(failed)));
    const restarted = plan.restarted.map(([name]) => name);
    await Promise.all([...plan.removed, ...restarted].map((name) => this.host.remove(name)));
    await Promise.all(plan.disabled.map((name) => this.host.disable(name)));
    for (const [name, config] of plan.refiltered) this.host.refilter(name, config);
    const fresh = [...plan.added, ...plan.restarted];
    for (const [name, config] of fresh) this.host.add(name, config);
    await Promise.all(plan.enabled.map((name) => this.host.enable(name)));
    const connect = [
      ...fresh.filter(([, config]) => config.enabled !== false).map(([name]) => name),
      ...plan.enabled,
    ];
    await Promise.all(connect.map((name) => this.host.connect(name).catch(() => {})));
    const result: ReloadResult = {
      file: typeof source === 'string' ? source : undefined,
      added: plan.added.map(([name]) => name),
      removed: plan.removed,
      restarted,
      enabled: plan.enabled,
      disabled: plan.disabled,
      refiltered: plan.refiltered.map(([name]) => name),
      kept: plan.kept,
      refused,
    };
    this.host.reloaded(result);
    return result;
  }
}
