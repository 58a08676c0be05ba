import { ManagerErrorCode, MCPError, type Tool } from '@org/mcp-core';
import type { ToolNamingPolicy } from '../managerOptions.js';
import type { ManagedServer } from '../server/managedServer.js';
import { closestName, didYouMean } from '../util/closestName.js';
import { ToolFilter } from './toolFilter.js';
import { ToolIndex } from './toolIndex.js';
import { type QualifiedTool, rawName, safeName } from './toolNaming.js';
import { ToolSearch } from './toolSearch.js';

const NO_FILTER = new ToolFilter([]);
const DEFAULT_SEARCH_LIMIT = 10;

/** A search result: the tool and its BM25 score. */
export interface ToolSearchResult {
  tool: QualifiedTool;
  score: number;
}

/**
 * Where a tool call goes: the connected servers' tools (what listTools() shows, and what searchTools ranks), and
 * every server's tools as it last offered them, so a call to a tool of a server that is down reaches that server
 * and hears why. Each server's tools pass its ToolFilter first; a call to a filtered one hears which rule.
 * The last-known index and the search index are built at their first use (a name the live index lacks, a
 * search) and kept up to date from then on: a manager that never searches holds no search words.
 */
export class ToolDirectory {
  private readonly live: ToolIndex;
  /** Per server, in the order first set, its tools as last offered: what the last-known index is built from. */
  private readonly knownLists = new Map<string, readonly Tool[]>();
  private knownIndex: ToolIndex | undefined;
  private searchIndex: ToolSearch | undefined;
  /** Per server, its filtered tools (as last offered) and the rule against each. */
  private readonly filtered = new Map<string, ReadonlyMap<string, string>>();

  constructor(private readonly policy: ToolNamingPolicy) {
    this.live = new ToolIndex(policy);
  }

  /** A server's current tools through its filter; a new server goes last in the order. */
  update(server: ManagedServer, filter: ToolFilter = NO_FILTER): void {
    const live = filter.apply(server.tools).offered;
    this.live.set(server.name, live);
    this.searchIndex?.set(server.name, live);
    const known = filter.apply(server.knownTools);
    this.knownLists.set(server.name, known.offered);
    this.knownIndex?.set(server.name, known.offered);
    this.filtered.set(server.name, known.filtered);
  }

  delete(name: string): void {
    this.live.delete(name);
    this.knownLists.delete(name);
    this.knownIndex?.delete(name);
    this.searchIndex?.delete(name);
    this.filtered.delete(name);
  }

  /** Every connected server's tools. */
  list(): QualifiedTool[] {
    return this.live.list();
  }

  /** The tool a qualified name stands for, connected or last known. */
  get(qualifiedName: string): QualifiedTool | undefined {
    return this.live.get(qualifiedName) ?? this.lastKnown(qualifiedName);
  }

  /** The tool a qualified name stands for, connected or last known; TOOL_FILTERED or UNKNOWN_TOOL if neither. */
  find(qualifiedName: string): QualifiedTool {
    const tool = this.get(qualifiedName);
    if (tool) return tool;
    this.assertNotFiltered(qualifiedName);
    const hint = closestName(qualifiedName, this.live.names());
    throw new MCPError(
      ManagerErrorCode.UNKNOWN_TOOL,
      `No connected server offers a tool named "${qualifiedName}".${didYouMean(hint)} listTools() shows the names.`,
    );
  }

  /** The `limit` (default 10, at least 1) connected tools that best match `query` (BM25 over name, title, description, parameter names). */
  searchTools(query: string, limit?: number): ToolSearchResult[] {
    const results: ToolSearchResult[] = [];
    const count =
      limit !== undefined && Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : DEFAULT_SEARCH_LIMIT;
    for (const hit of this.search().search(query, count)) {
      const tool = this.live.at(hit.server, hit.position);
      if (tool) results.push({ tool, score: hit.score });
    }
    return results;
  }

  /** Every server's tools as last offered, named as one index named them all along (names depend on no history). */
  private known(): ToolIndex {
    if (!this.knownIndex) {
      this.knownIndex = new ToolIndex(this.policy);
      for (const [server, tools] of this.knownLists) this.knownIndex.set(server, tools);
    }
    return this.knownIndex;
  }

  /** The connected servers' tools by search words, indexed at the first search. */
  private search(): ToolSearch {
    if (!this.searchIndex) {
      this.searchIndex = new ToolSearch();
      for (const [server, tools] of this.live.sources()) this.searchIndex.set(server, tools);
    }
    return this.searchIndex;
  }

  /** TOOL_FILTERED when the name is that of a tool a filter keeps out, under either naming. */
  private assertNotFiltered(qualifiedName: string): void {
    for (const [server, filtered] of this.filtered) {
      for (const [tool, rule] of filtered) {
        if (qualifiedName !== safeName(rawName(server, tool, true)) && qualifiedName !== safeName(tool))
          continue;
        throw new MCPError(
          ManagerErrorCode.TOOL_FILTERED,
          `Tool "${tool}" of server "${server}" is filtered out: ${rule}. A filtered tool is neither listed nor callable; change the filter to use it.`,
          { serverName: server },
        );
      }
    }
  }

  /** A tool as last offered; under toolNaming 'error' a clash among servers that are down is not the caller's. */
  private lastKnown(qualifiedName: string): QualifiedTool | undefined {
    try {
      return this.known().get(qualifiedName);
    } catch (error) {
      if (error instanceof MCPError && error.code === ManagerErrorCode.TOOL_NAME_COLLISION) return undefined;
      throw error;
    }
  }
}
