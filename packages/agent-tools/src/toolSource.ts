import {
  type CallToolResult,
  type RequestOptions,
  type Tool,
  type ToolAnnotations,
  toolAnnotations,
} from '@org/mcp-core';

/**
 * What this package needs of an MCPConnectionManager (or of one user's view of it, `manager.forUser(principal)`):
 * its tools under qualified names, a call by that name, and the `toolsChanged` event. Structural, so that the
 * package depends on core only, and both the manager and a view satisfy it.
 */
export interface ManagerToolSource {
  listTools(): Promise<Array<Tool & { qualifiedName: string; trusted?: boolean }>>;
  callTool(qualifiedName: string, args?: object, options?: RequestOptions): Promise<CallToolResult>;
  on(event: 'toolsChanged', listener: (...args: any[]) => void): unknown;
  off(event: 'toolsChanged', listener: (...args: any[]) => void): unknown;
}

/** What this package needs of one MCPClient: its tools under their own names, a call, `toolsChanged`. */
export interface ClientToolSource {
  getTools(): Promise<Tool[]>;
  callTool(name: string, args?: object, options?: RequestOptions): Promise<CallToolResult>;
  on(event: 'toolsChanged', listener: (...args: any[]) => void): unknown;
  off(event: 'toolsChanged', listener: (...args: any[]) => void): unknown;
}

/** A manager (tools under their qualified names) or one client (tools under their own names). */
export type AgentToolSource = ManagerToolSource | ClientToolSource;

/**
 * What an approval step needs to know of a tool: what its server says it does, and whether that server is
 * trusted (the manager's `trust` config). Untrusted annotations are hints, never a reason to skip approval
 * (core's `mayDestroy`). A lone client's tools are untrusted.
 */
export interface ToolAbout {
  readonly annotations: ToolAnnotations;
  readonly trusted: boolean;
}

/** One tool as the targets see it: the name a model calls it by, its MCP definition, what is known about it. */
export interface SourceTool {
  name: string;
  tool: Tool;
  about: ToolAbout;
}

/** Either source behind one shape. */
export interface OpenSource {
  list(): Promise<SourceTool[]>;
  call(name: string, args: object, options?: RequestOptions): Promise<CallToolResult>;
  /** Calls `listener` on every tool-list change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function openSource(source: AgentToolSource): OpenSource {
  const list =
    'listTools' in source
      ? async () =>
          (await source.listTools()).map((tool) => ({
            name: tool.qualifiedName,
            tool,
            about: { annotations: toolAnnotations(tool), trusted: tool.trusted === true },
          }))
      : async () =>
          (await source.getTools()).map((tool) => ({
            name: tool.name,
            tool,
            about: { annotations: toolAnnotations(tool), trusted: false },
          }));
  return {
    list,
    call: (name, args, options) => source.callTool(name, args, options),
    subscribe(listener) {
      const onChange = () => listener();
      source.on('toolsChanged', onChange);
      return () => void source.off('toolsChanged', onChange);
    },
  };
}
