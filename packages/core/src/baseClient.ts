import { ClientConnection } from './clientConnection.js';
import { DEFAULT_HEALTH_CHECK_TIMEOUT } from './clientOptions.js';
import { JSONRPC_ERROR, MCPProtocolError } from './errors.js';
import type { JSONRPCRequest, JSONRPCResponse } from './jsonrpc.js';
import type { MCPClient } from './mcpClient.js';
import {
  type CallToolResult,
  type GetPromptResult,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListToolsResultSchema,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type Tool,
} from './mcpTypes.js';
import { isHeaderMismatch } from './modernEra.js';
import { paginate } from './paginate.js';
import type { RequestOptions } from './requestOptions.js';
import {
  checkCallToolResult,
  checkGetPromptResult,
  checkReadResourceResult,
  checkToolOutput,
  type ResultCheck,
} from './resultShapes.js';
import { ToolCache } from './toolCache.js';

export type { BaseClientOptions } from './clientConnection.js';

/** A server's cache hint is honoured up to a day. */
const MAX_TTL_MS = 86_400_000;

/**
 * The MCPClient contract on any Transport: the connection (ClientConnection) plus the request
 * helpers, health and the tool cache. Transports only move messages; everything else is here, once.
 */
export class BaseMCPClient extends ClientConnection implements MCPClient {
  private readonly tools = new ToolCache();

  // Not async: an async wrapper around the engine's promise costs every call two more microtask hops.
  sendRequest(request: JSONRPCRequest, options?: RequestOptions): Promise<JSONRPCResponse> {
    try {
      return this.liveSession(request.method).sendRequest(request, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  request<T = Record<string, unknown>>(
    method: string,
    params?: object,
    options?: RequestOptions,
  ): Promise<T> {
    return this.checkedRequest<T>(method, params, options);
  }

  /** A request whose result is checked by shape before the caller gets it (resultShapes.ts). */
  private checkedRequest<T>(
    method: string,
    params?: object,
    options?: RequestOptions,
    check?: ResultCheck<T>,
  ): Promise<T> {
    try {
      return this.liveSession(method).request<T>(
        method,
        params as Record<string, unknown> | undefined,
        options,
        check,
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  notify(method: string, params?: object): Promise<void> {
    try {
      return this.liveSession(method).notify(method, params as Record<string, unknown> | undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Connected, transport alive and a ping answered within the timeout (a -32601 counts as alive). Never throws. */
  async isHealthy(options: { timeout?: number } = {}): Promise<boolean> {
    if (this.state !== 'connected' || !this.engine) return false;
    if (this.transport?.isAlive?.() === false) return false;
    const timeout = options.timeout ?? this.options.healthCheckTimeout ?? DEFAULT_HEALTH_CHECK_TIMEOUT;
    try {
      // The stateless era has no ping; server/discover is the cheap round trip every modern server has.
      await this.engine.request(this.era === 'modern' ? 'server/discover' : 'ping', undefined, { timeout });
      return true;
    } catch (error) {
      return error instanceof MCPProtocolError && error.rpcCode === JSONRPC_ERROR.METHOD_NOT_FOUND;
    }
  }

  /**
   * Every tool on every page, cached until `notifications/tools/list_changed`, `refresh`, or, for a
   * stateless-era server, the `ttlMs` its first page gave (0: never cached).
   */
  getTools(options: { refresh?: boolean } & RequestOptions = {}): Promise<Tool[]> {
    const { refresh, ...requestOptions } = options;
    return this.tools.get(refresh === true, async () => {
      let ttl: number | undefined;
      const onFirstPage = (page: Record<string, unknown>) => {
        if (this.era === 'modern' && typeof page.ttlMs === 'number')
          ttl = Math.min(Math.max(page.ttlMs, 0), MAX_TTL_MS);
      };
      const tools = await paginate(
        this,
        'tools/list',
        ListToolsResultSchema,
        (r) => r.tools,
        requestOptions,
        onFirstPage,
        this.options.listLimits,
      );
      return { tools, ttl };
    });
  }

  callTool(name: string, args: object = {}, options?: RequestOptions): Promise<CallToolResult> {
    const params = { name, arguments: args };
    const call = this.checkedRequest('tools/call', params, options, this.resultCheckFor(name));
    // Only the stateless era has Mcp-Param headers; the handshake era's hot path stays one promise.
    if (this.era !== 'modern') return call;
    return call.catch(async (error: unknown) => {
      // A stateless-era HTTP server refuses, before running it, a call whose Mcp-Param headers do not
      // match the tool's schema (changed, or never listed): list the tools again and retry once.
      if (!isHeaderMismatch(error)) throw error;
      this.logger.debug({ tool: name }, 'header mismatch; listing tools again before one retry');
      await this.getTools({ refresh: true, timeout: options?.timeout, signal: options?.signal });
      return this.checkedRequest('tools/call', params, options, this.resultCheckFor(name));
    });
  }

  listResources(options?: RequestOptions): Promise<Resource[]> {
    const { listLimits } = this.options;
    return paginate(
      this,
      'resources/list',
      ListResourcesResultSchema,
      (r) => r.resources,
      options,
      undefined,
      listLimits,
    );
  }

  readResource(uri: string, options?: RequestOptions): Promise<ReadResourceResult> {
    return this.checkedRequest('resources/read', { uri }, options, checkReadResourceResult);
  }

  listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    const { listLimits } = this.options;
    return paginate(
      this,
      'prompts/list',
      ListPromptsResultSchema,
      (r) => r.prompts,
      options,
      undefined,
      listLimits,
    );
  }

  getPrompt(
    name: string,
    args: Record<string, string> = {},
    options?: RequestOptions,
  ): Promise<GetPromptResult> {
    return this.checkedRequest('prompts/get', { name, arguments: args }, options, checkGetPromptResult);
  }

  /** How a tool's result is checked: by shape, and against its outputSchema when listed with one. */
  private resultCheckFor(name: string): ResultCheck<CallToolResult> {
    const outputSchema =
      this.options.validateToolOutput === false ? undefined : this.tools.find(name)?.outputSchema;
    return outputSchema ? checkToolOutput(name, outputSchema) : checkCallToolResult;
  }

  protected invalidateTools(): void {
    this.tools.invalidate();
  }
}
