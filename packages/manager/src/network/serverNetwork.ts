import type { OAuthProviderOptions } from '@org/mcp-auth';
import type { ClientOptions, MCPServerConfig } from '@org/mcp-core';
import { networkOf } from '@org/mcp-core/internal';
import type { Dispatcher } from 'undici';

/** One remote server's network: its config's proxy, TLS and cookie settings, under the manager's dispatcher if any. */
export function serverNetwork(
  config: MCPServerConfig,
  dispatcher: Dispatcher | undefined,
): NonNullable<OAuthProviderOptions['network']> | undefined {
  if (config.transport !== 'http' && config.transport !== 'sse') return undefined;
  return { ...networkOf(config), ...(dispatcher && { dispatcher }) };
}

/** The manager's options with the server's dispatcher in its clients' options (the factory passes it on). */
export function withDispatcher<T extends { clientOptions?: ClientOptions | undefined }>(
  options: T,
  dispatcher: Dispatcher | undefined,
): T {
  if (!dispatcher) return options;
  return {
    ...options,
    clientOptions: { ...options.clientOptions, network: { dispatcher } } as ClientOptions,
  };
}
