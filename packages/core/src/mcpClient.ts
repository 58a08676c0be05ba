import type { JSONRPCNotification, JSONRPCRequest, JSONRPCResponse } from './jsonrpc.js';
import type { CallToolResult, Implementation, ServerCapabilities, Tool } from './mcpTypes.js';
import type { RequestOptions } from './protocolSession.js';
import type { ProtocolEra } from './protocolVersion.js';

export type ClientState = 'idle' | 'connecting' | 'connected' | 'closing' | 'closed';

export interface ConnectOptions {
  signal?: AbortSignal;
  /** Overrides the client's connectTimeout, in ms. */
  timeout?: number;
}

/** The contract every client honours, whatever its transport. */
export interface MCPClient {
  readonly state: ClientState;
  /** The configured server name, used in logs and errors. */
  readonly name: string;
  /** 'stdio', 'sse', 'http' or a custom transport's name. */
  readonly transportType: string;
  connect(options?: ConnectOptions): Promise<void>;
  /** Idempotent; never throws for a dead peer. */
  disconnect(): Promise<void>;
  sendRequest(request: JSONRPCRequest, options?: RequestOptions): Promise<JSONRPCResponse>;
  /** Throws MCPProtocolError on a JSON-RPC error. */
  request<T = Record<string, unknown>>(method: string, params?: object, options?: RequestOptions): Promise<T>;
  notify(method: string, params?: object): Promise<void>;
  /** Never throws. */
  isHealthy(options?: { timeout?: number }): Promise<boolean>;
  /** Every page, cached, invalidated by notifications/tools/list_changed. */
  getTools(options?: { refresh?: boolean } & RequestOptions): Promise<Tool[]>;
  callTool(name: string, args?: object, options?: RequestOptions): Promise<CallToolResult>;
  readonly serverInfo?: Implementation | undefined;
  readonly serverCapabilities?: ServerCapabilities | undefined;
  readonly protocolVersion?: string | undefined;
  readonly instructions?: string | undefined;
  /** 'handshake' or 'modern' (2026-07-28, stateless), once connected. */
  readonly era?: ProtocolEra | undefined;
  on(event: 'notification', listener: (notification: JSONRPCNotification) => void): this;
  on(event: 'close', listener: (reason?: Error) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'stateChange', listener: (state: ClientState, previous: ClientState) => void): this;
  on(event: 'toolsChanged', listener: () => void): this;
  off(event: string, listener: (...args: any[]) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
