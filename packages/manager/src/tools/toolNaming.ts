import { createHash } from 'node:crypto';
import { ManagerErrorCode, MCPError, type Tool } from '@org/mcp-core';
import type { ToolNamingPolicy } from '../managerOptions.js';

/** A server's tool with the name callers use to reach it through the manager. */
export interface QualifiedTool extends Tool {
  /** Unique across servers, stable, `^[a-zA-Z0-9_-]{1,64}$`. */
  qualifiedName: string;
  serverName: string;
  /** The tool's name on its server. */
  originalName: string;
  /** The config's approval hint (`autoApprove`, `alwaysAllow`): the host may call it without asking. Never the server's say. */
  autoApprove?: boolean;
  /** The config's `trust`: the server's annotations are believed (core's `mayDestroy`). Untrusted: hints only. */
  trusted?: boolean;
  /** The config's `taskTools`: a call runs as a task where the server supports it. */
  runAsTask?: boolean;
}

export const TOOL_NAME_SEPARATOR = '__';
const MAX_LENGTH = 64;

/** Anything servers offer by name that callers reach through the manager: a tool, a skill. */
export interface Named {
  readonly name: string;
}

/** An item with the name callers use to reach it, its server, and its name there. */
export type Qualified<T extends Named> = T & {
  qualifiedName: string;
  serverName: string;
  originalName: string;
};

/**
 * Names every item (tool, skill, resource, prompt) of every server under the policy; same input, same names.
 * Linear in the number of items. Under 'error' a shared name throws what `collision` makes.
 */
export function qualifyNames<T extends Named = Tool>(
  toolsByServer: ReadonlyMap<string, readonly T[]>,
  policy: ToolNamingPolicy,
  collision: (name: string, servers: readonly string[]) => Error = collisionError,
): Qualified<T>[] {
  const owners = new Map<string, string[]>();
  for (const [server, tools] of toolsByServer) {
    for (const tool of tools) {
      const servers = owners.get(tool.name);
      if (servers) servers.push(server);
      else owners.set(tool.name, [server]);
    }
  }
  if (policy === 'error') {
    for (const [tool, servers] of owners) if (servers.length > 1) throw collision(tool, servers);
  }
  const result: Qualified<T>[] = [];
  const taken = new Set<string>();
  for (const [server, tools] of toolsByServer) {
    for (const tool of tools) {
      const raw = rawName(server, tool.name, isPrefixed(policy, (owners.get(tool.name)?.length ?? 0) > 1));
      const safe = safeName(raw);
      let name = safe;
      // Two different raw names that sanitise alike get told apart by their hash; a name one server offers
      // twice (two resources may share a name), by the hash of its place as well.
      for (let n = 0; taken.has(name); n++) name = withHash(safe, n === 0 ? raw : `${raw}#${n}`);
      taken.add(name);
      result.push(qualify(tool, server, name));
    }
  }
  return result;
}

/** @deprecated Renamed `qualifyNames` (it names skills, resources and prompts as well); kept until the next minor version. */
export const qualifyTools = qualifyNames;

/** Whether a tool's name carries its server's prefix: always, only when another tool shares it, or never. */
export function isPrefixed(policy: ToolNamingPolicy, shared: boolean): boolean {
  return policy === 'prefix' || (policy === 'prefix-on-collision' && shared);
}

/** The name before sanitising: `server__tool` when prefixed, else the tool's own name. */
export function rawName(server: string, tool: string, prefixed: boolean): string {
  return prefixed ? `${server}${TOOL_NAME_SEPARATOR}${tool}` : tool;
}

export function qualify<T extends Named>(tool: T, server: string, qualifiedName: string): Qualified<T> {
  // Not `{ ...tool, qualifiedName, … }`: on Node 20 a spread followed by more properties is tens of times slower
  // than Object.assign, and it was most of the time naming 10,000 tools took.
  return Object.assign({}, tool, { qualifiedName, serverName: server, originalName: tool.name });
}

/** Keeps to `^[a-zA-Z0-9_-]{1,64}$`: other characters become `_`, long names end in a hash of the whole. */
export function safeName(raw: string): string {
  const cleaned = raw.replace(/[^a-zA-Z0-9_-]/g, '_') || '_';
  return cleaned.length <= MAX_LENGTH ? cleaned : withHash(cleaned, raw);
}

function withHash(name: string, raw: string): string {
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_LENGTH - 9)}_${hash}`;
}

function collisionError(tool: string, servers: readonly string[]): MCPError {
  return new MCPError(
    ManagerErrorCode.TOOL_NAME_COLLISION,
    `Tool "${tool}" is offered by servers ${servers.map((s) => `"${s}"`).join(' and ')}. Use toolNaming 'prefix' or 'prefix-on-collision', or disable one of them.`,
  );
}
