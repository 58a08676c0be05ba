import { ManagerErrorCode, MCPError } from '@org/mcp-core';
import { closestName } from './closestName.js';
import type { ManagedServer } from './managedServer.js';
import type { ToolNamingPolicy } from './managerOptions.js';
import { ToolIndex } from './toolIndex.js';
import type { QualifiedTool } from './toolNaming.js';

/**
 * Where a tool call goes: the connected servers' tools (what listTools() shows), and every server's tools as it
 * last offered them, so a call to a tool of a server that is down reaches that server and hears why.
 */
export class ToolDirectory {
  private readonly live: ToolIndex;
  private readonly known: ToolIndex;

  constructor(policy: ToolNamingPolicy) {
    this.live = new ToolIndex(policy);
    this.known = new ToolIndex(policy);
  }

  /** A server's current tools; a new server goes last in the order. */
  update(server: ManagedServer): void {
    this.live.set(server.name, server.tools);
    this.known.set(server.name, server.knownTools);
  }

  delete(name: string): void {
    this.live.delete(name);
    this.known.delete(name);
  }

  /** Every connected server's tools. */
  list(): QualifiedTool[] {
    return this.live.list();
  }

  /** The tool a qualified name stands for, connected or last known; UNKNOWN_TOOL if neither. */
  find(qualifiedName: string): QualifiedTool {
    const tool = this.live.get(qualifiedName) ?? this.lastKnown(qualifiedName);
    if (tool) return tool;
    const hint = closestName(qualifiedName, this.live.names());
    throw new MCPError(
      ManagerErrorCode.UNKNOWN_TOOL,
      `No connected server offers a tool named "${qualifiedName}".${hint ? ` Did you mean "${hint}"?` : ''} listTools() shows the names.`,
    );
  }

  /** A tool as last offered; under toolNaming 'error' a clash among servers that are down is not the caller's. */
  private lastKnown(qualifiedName: string): QualifiedTool | undefined {
    try {
      return this.known.get(qualifiedName);
    } catch (error) {
      if (error instanceof MCPError && error.code === ManagerErrorCode.TOOL_NAME_COLLISION) return undefined;
      throw error;
    }
  }
}
