import type { Tool } from '@org/mcp-core';
import type { ToolNamingPolicy } from '../managerOptions.js';
import { frozenCopy } from '../util/frozenCopy.js';
import { isPrefixed, type QualifiedTool, qualify, qualifyNames, rawName, safeName } from './toolNaming.js';

interface ServerTools {
  /** What the server was last set to, to skip setting the same list again. */
  source: readonly Tool[];
  /** Frozen copies of the source (a tool already frozen is taken as it is: deepFreeze's rule). */
  tools: readonly Tool[];
  /** The tools under their candidate names: the final names while no two candidates clash. */
  named: readonly QualifiedTool[];
}

/**
 * Every connected server's tools under their qualified names, updated one server at a time: a change of one
 * server renames only its own tools (and, under 'prefix-on-collision', those of the servers whose tools start
 * or stop sharing a name with them), so listing is a copy. Names are exactly those of qualifyNames over all
 * servers in the order they were first set.
 */
export class ToolIndex {
  private readonly servers = new Map<string, ServerTools>();
  /** Original tool name → server → how often it offers it; not kept under 'prefix', where no name depends on it. */
  private readonly owners = new Map<string, Map<string, number>>();
  /** Original names offered more than once. */
  private sharedNames = 0;
  /** Candidate name → the tool that has it, or the tools (two or more) that clash on it. */
  private readonly byName = new Map<string, QualifiedTool | QualifiedTool[]>();
  /** Candidate names held by more than one tool: only then does a name depend on the others (a hash). */
  private clashes = 0;
  /** Every tool named at once by qualifyNames, by name: used while candidate names clash. */
  private fallback: Map<string, QualifiedTool> | undefined;
  /** The fallback's tools by server, in each server's own order. */
  private fallbackByServer = new Map<string, QualifiedTool[]>();

  constructor(private readonly policy: ToolNamingPolicy) {}

  /** Sets a server's tools (empty when it is not connected); a new server goes last in the order. */
  set(server: string, tools: readonly Tool[]): void {
    const entry = this.servers.get(server);
    if (entry?.source === tools) return;
    const renamed = new Set([server]);
    for (const tool of entry?.tools ?? []) this.own(tool.name, server, -1, renamed);
    // The index owns frozen copies: neither the client's cache nor a caller can change what it hands out. The
    // filter's tools come frozen already, so the one copy serves the live and the last-known index.
    const copies =
      Object.isFrozen(tools) && tools.every((tool) => Object.isFrozen(tool))
        ? tools
        : Object.freeze(tools.map((tool) => (Object.isFrozen(tool) ? tool : frozenCopy(tool))));
    for (const tool of copies) this.own(tool.name, server, 1, renamed);
    if (entry) {
      entry.source = tools;
      entry.tools = copies;
    } else {
      this.servers.set(server, { source: tools, tools: copies, named: [] });
    }
    for (const name of renamed) this.rename(name);
    this.fallback = undefined;
  }

  delete(server: string): void {
    if (!this.servers.has(server)) return;
    this.set(server, []);
    this.servers.delete(server);
  }

  /** Every tool, in server order then the server's own order; a fresh array of frozen tools. */
  list(): QualifiedTool[] {
    const fallback = this.resolve();
    if (fallback) return [...fallback.values()];
    const list: QualifiedTool[] = [];
    for (const { named } of this.servers.values()) for (const tool of named) list.push(tool);
    return list;
  }

  /** Each server's list as last set (not the copies), in server order. */
  *sources(): Iterable<[string, readonly Tool[]]> {
    for (const [server, { source }] of this.servers) yield [server, source];
  }

  get(qualifiedName: string): QualifiedTool | undefined {
    const fallback = this.resolve();
    if (fallback) return fallback.get(qualifiedName);
    // Without clashes no name is held twice.
    const held = this.byName.get(qualifiedName);
    return Array.isArray(held) ? undefined : held;
  }

  /** The tool at `position` of the list `server` was last set to (what the search index points at). */
  at(server: string, position: number): QualifiedTool | undefined {
    if (this.resolve()) return this.fallbackByServer.get(server)?.[position];
    return this.servers.get(server)?.named[position];
  }

  names(): Iterable<string> {
    return (this.resolve() ?? this.byName).keys();
  }

  /** The fallback while candidates clash, else undefined; throws the clash under the 'error' policy. */
  private resolve(): Map<string, QualifiedTool> | undefined {
    if (this.clashes > 0 || (this.policy === 'error' && this.sharedNames > 0)) {
      if (!this.fallback) {
        const byServer = new Map([...this.servers].map(([server, { tools }]) => [server, tools]));
        const named = qualifyNames(byServer, this.policy);
        this.fallback = new Map(named.map((tool) => [tool.qualifiedName, Object.freeze(tool)]));
        this.fallbackByServer = new Map();
        for (const tool of this.fallback.values()) {
          const list = this.fallbackByServer.get(tool.serverName);
          if (list) list.push(tool);
          else this.fallbackByServer.set(tool.serverName, [tool]);
        }
      }
      return this.fallback;
    }
    return undefined;
  }

  /** Names one server's tools as if no candidate clashed. */
  private rename(server: string): void {
    const entry = this.servers.get(server);
    if (!entry) return;
    for (const tool of entry.named) this.release(tool);
    entry.named = entry.tools.map((tool) => {
      const shared = isShared(this.owners.get(tool.name));
      const named = Object.freeze(
        qualify(tool, server, safeName(rawName(server, tool.name, isPrefixed(this.policy, shared)))),
      );
      this.hold(named);
      return named;
    });
  }

  /** Counts one more or one less offer of `name`; adds to `renamed` the servers whose names that changes. */
  private own(name: string, server: string, delta: 1 | -1, renamed: Set<string>): void {
    if (this.policy === 'prefix') return;
    const holders = this.owners.get(name) ?? new Map<string, number>();
    const wasShared = isShared(holders);
    const count = (holders.get(server) ?? 0) + delta;
    if (count > 0) holders.set(server, count);
    else holders.delete(server);
    if (holders.size > 0) this.owners.set(name, holders);
    else this.owners.delete(name);
    if (wasShared === isShared(holders)) return;
    this.sharedNames += wasShared ? -1 : 1;
    // Under 'prefix-on-collision' the other holders' names gain or lose their prefix.
    if (this.policy === 'prefix-on-collision') for (const holder of holders.keys()) renamed.add(holder);
  }

  /** `tool` takes its candidate name, beside any tool that has it already (a clash). */
  private hold(tool: QualifiedTool): void {
    const held = this.byName.get(tool.qualifiedName);
    if (held === undefined) this.byName.set(tool.qualifiedName, tool);
    else if (Array.isArray(held)) held.push(tool);
    else {
      this.byName.set(tool.qualifiedName, [held, tool]);
      this.clashes++;
    }
  }

  /** `tool` gives its candidate name up; the one tool left with it, if any, has it alone. */
  private release(tool: QualifiedTool): void {
    const held = this.byName.get(tool.qualifiedName);
    if (held === tool) this.byName.delete(tool.qualifiedName);
    else if (Array.isArray(held)) {
      held.splice(held.indexOf(tool), 1);
      if (held.length > 1) return;
      this.byName.set(tool.qualifiedName, held[0] as QualifiedTool);
      this.clashes--;
    }
  }
}

/** Whether a name is offered more than once, by one server or several. */
function isShared(holders: ReadonlyMap<string, number> | undefined): boolean {
  if (!holders || holders.size === 0) return false;
  return holders.size > 1 || (holders.values().next().value ?? 0) > 1;
}
