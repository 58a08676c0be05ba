import type { MCPServerConfig, MCPServersConfig, ToolFilterConfig } from '@org/mcp-core';

/** The tool filter's keys: a change to only these applies the new filter to the running server. */
const FILTER_KEYS: readonly (keyof ToolFilterConfig)[] = [
  'includeTools',
  'excludeTools',
  'disabledTools',
  'autoApprove',
  'taskTools',
];

/**
 * Config keys that do not change how a server is started or reached: a change to only these never restarts it.
 * `enabled` flips are handled on their own (enable, disable), and so is the tool filter; `asWritten` follows
 * `command` and `cwd`.
 */
const NOT_HOW_STARTED = new Set(['enabled', 'asWritten', ...FILTER_KEYS]);

/** What a reload will do, server by server. */
export interface ReloadPlan {
  /** New names: registered, and connected when enabled. */
  added: [string, MCPServerConfig][];
  /** Names no longer in the config: stopped and forgotten. */
  removed: string[];
  /** Same name, started or reached differently: the old one stopped, a new one registered (and connected). */
  restarted: [string, MCPServerConfig][];
  /** Same way of starting, enabled in the new config and disabled now. */
  enabled: string[];
  /** Same way of starting, disabled in the new config and enabled now. */
  disabled: string[];
  /** Same way of starting, another tool filter: the running server's tools go through the new one. */
  refiltered: [string, MCPServerConfig][];
  /** Untouched. */
  kept: string[];
}

/** JSON with sorted keys, so two configs that differ only in key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function howStarted(config: MCPServerConfig): string {
  const relevant = Object.entries(config).filter(([key]) => !NOT_HOW_STARTED.has(key));
  return canonical({ transport: 'stdio', ...Object.fromEntries(relevant) });
}

/** Whether two configs of one server start or reach it the same way. */
export function startsAlike(a: MCPServerConfig, b: MCPServerConfig): boolean {
  return howStarted(a) === howStarted(b);
}

function filterOf(config: MCPServerConfig): string {
  return canonical(FILTER_KEYS.map((key) => config[key] ?? null));
}

/**
 * Compares the running servers (their configs, and whether each is enabled now) with a new config. A rename is a
 * remove plus an add: names are the identity. `held` names keep running as they are (their new entry was refused).
 */
export function planReload(
  running: ReadonlyMap<string, { config: MCPServerConfig; enabled: boolean }>,
  next: MCPServersConfig,
  held: ReadonlySet<string> = new Set(),
): ReloadPlan {
  const plan: ReloadPlan = {
    added: [],
    removed: [],
    restarted: [],
    enabled: [],
    disabled: [],
    refiltered: [],
    kept: [],
  };
  for (const name of running.keys())
    if (!Object.hasOwn(next.mcpServers, name) && !held.has(name)) plan.removed.push(name);
  for (const name of held) if (running.has(name)) plan.kept.push(name);
  for (const [name, config] of Object.entries(next.mcpServers)) {
    const current = running.get(name);
    const wantEnabled = config.enabled !== false;
    if (!current) plan.added.push([name, config]);
    else if (!startsAlike(current.config, config)) plan.restarted.push([name, config]);
    else {
      const refiltered = filterOf(current.config) !== filterOf(config);
      if (refiltered) plan.refiltered.push([name, config]);
      if (wantEnabled && !current.enabled) plan.enabled.push(name);
      else if (!wantEnabled && current.enabled) plan.disabled.push(name);
      else if (!refiltered) plan.kept.push(name);
    }
  }
  return plan;
}
