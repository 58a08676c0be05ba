import { BaseMCPClient, type ClientOptions, type SSEServerConfig, TransportType } from '@org/mcp-core';
import { type RemoteTransportBase, remoteClient } from '@org/mcp-core/internal';
import { SSETransport } from './sseTransport.js';
import type { SSETransportOptions } from './sseTransportOptions.js';
import { parseSseUrl } from './sseUrl.js';

/**
 * ClientOptions plus the SSE transport's own: `auth` (credentials on the event stream and every POST,
 * e.g. an OAuthProvider of @org/mcp-auth) and tuning; every field is optional.
 */
export interface MCPSSEClientOptions
  extends ClientOptions,
    Pick<
      SSETransportOptions,
      'auth' | 'headersTimeout' | 'keepAliveTimeout' | 'maxMessageSize' | 'network'
    > {}

/**
 * An MCP client for a remote server on the legacy HTTP+SSE transport (2024-11-05); named after
 * the URL's host unless `options.name` says otherwise. Speaks the handshake era without probing (the
 * transport says `handshakeOnly`), since the modern era has no HTTP+SSE transport.
 */
export class MCPSSEClient extends BaseMCPClient {
  constructor(config: SSEServerConfig, options: MCPSSEClientOptions = {}) {
    const create = (base: RemoteTransportBase) =>
      new SSETransport({ ...options, ...base, network: { ...base.network, ...options.network } });
    super(remoteClient(config, options, parseSseUrl(config.url, options.name), TransportType.SSE, create));
  }
}
