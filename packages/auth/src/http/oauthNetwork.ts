import type { Logger } from '@org/mcp-core';
import { DEFAULT_KEEP_ALIVE_TIMEOUT, type HttpNetworkOptions, networkDispatcher } from '@org/mcp-http';
import type { Dispatcher } from 'undici';

/**
 * The way a provider's requests to authorization servers go out: the MCP server's own network settings (its
 * proxy, CA, client certificate, or Dispatcher), so discovery, registration and tokens take the same path as the
 * MCP requests. Made at the first request and kept for the provider's life; its idle sockets do not hold the
 * process open.
 */
export class OAuthNetwork {
  private made: Dispatcher | undefined;

  constructor(
    private readonly options: HttpNetworkOptions | undefined,
    private readonly logger: Logger | undefined,
  ) {}

  dispatcher(serverName: string, connectTimeout: number): Dispatcher {
    this.made ??= networkDispatcher(this.options, {
      serverName,
      connectTimeout,
      keepAliveTimeout: DEFAULT_KEEP_ALIVE_TIMEOUT,
      logger: this.logger,
    }).dispatcher;
    return this.made;
  }
}
