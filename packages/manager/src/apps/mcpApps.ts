import {
  AppsErrorCode,
  type CallToolOptions,
  type CallToolResult,
  MCPError,
  type ReadResourceResult,
  type RequestOptions,
  type ToolUi,
  toolUiOf,
} from '@org/mcp-core';
import type { QualifiedTool } from '../tools/toolNaming.js';
import type { AppsOptions } from './appsOptions.js';
import { resolveAppsOptions } from './appsOptions.js';
import { type AppView, appViewOf } from './appView.js';
import { ViewCache } from './viewCache.js';

/** What MCP Apps need of the manager: its tools, calls and reads as any caller makes them, and its events. */
export interface AppsHost {
  find(qualifiedName: string): QualifiedTool;
  list(): QualifiedTool[];
  call(qualifiedName: string, args: object, options?: CallToolOptions): Promise<CallToolResult>;
  read(server: string, uri: string, options?: RequestOptions): Promise<ReadResourceResult>;
  on(
    event: 'serverStateChanged' | 'toolsChanged' | 'resourcesChanged',
    listener: (e: { server: string }) => void,
  ): void;
}

/**
 * MCP Apps in the manager: each tool's view and visibility, the views read and kept per connection, and the
 * calls a view makes, which go through the manager's own call path (hooks, limits, breaker) and only to the
 * view's own server, to tools whose visibility includes `app`.
 */
export class McpApps {
  private readonly views: ViewCache;
  private readonly maxViewBytes: number;

  constructor(
    private readonly host: AppsHost,
    options: AppsOptions | undefined,
  ) {
    const resolved = resolveAppsOptions(options);
    this.views = new ViewCache(resolved.maxViewsPerServer);
    this.maxViewBytes = resolved.maxViewBytes;
    // A server's views are good for one connection and one listing: a change of either drops them.
    const drop = ({ server }: { server: string }) => this.views.drop(server);
    host.on('serverStateChanged', drop);
    host.on('toolsChanged', drop);
    host.on('resourcesChanged', drop);
  }

  toolUi(qualifiedName: string): ToolUi {
    return toolUiOf(this.host.find(qualifiedName));
  }

  /** The view of a tool, read from its server once per connection (APP_VIEW_MISSING for a tool with none). */
  view(qualifiedName: string, options?: RequestOptions): Promise<AppView> {
    const tool = this.host.find(qualifiedName);
    const { resourceUri } = toolUiOf(tool);
    if (resourceUri === undefined) {
      return Promise.reject(
        new MCPError(AppsErrorCode.APP_VIEW_MISSING, `Tool "${qualifiedName}" has no MCP Apps view.`, {
          serverName: tool.serverName,
        }),
      );
    }
    const server = tool.serverName;
    return this.views.get(server, resourceUri, async () =>
      appViewOf(server, resourceUri, await this.host.read(server, resourceUri, options), this.maxViewBytes),
    );
  }

  /**
   * A call a view makes (`tools/call` from the view of `viewTool`): `name` is the tool's own name on the view's
   * server. A tool of another server cannot be named; one whose visibility leaves out `app` is APP_CALL_REFUSED.
   */
  callFromApp(
    viewTool: string,
    name: string,
    args: object,
    options?: CallToolOptions,
  ): Promise<CallToolResult> {
    const server = this.host.find(viewTool).serverName;
    const tool = this.host.list().find((t) => t.serverName === server && t.originalName === name);
    const refuse = (why: string) =>
      Promise.reject(
        new MCPError(
          AppsErrorCode.APP_CALL_REFUSED,
          `The view of "${viewTool}" may not call "${name}": ${why}.`,
          { serverName: server },
        ),
      );
    if (!tool) return refuse(`server "${server}" offers no such tool now`);
    if (!toolUiOf(tool).visibility.includes('app')) return refuse('its visibility does not include "app"');
    return this.host.call(tool.qualifiedName, args, options);
  }

  /** How many views are kept for a server now. */
  kept(server: string): number {
    return this.views.size(server);
  }
}
