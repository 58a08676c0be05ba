import type { NetworkServerConfig } from '@org/mcp-core';
import type { Dispatcher } from 'undici';

/**
 * How one server's HTTP goes out: a config's proxy and TLS settings (core's NetworkServerConfig, without
 * `cookies`), or a ready undici Dispatcher that wins over them all.
 */
export interface HttpNetworkOptions extends Omit<NetworkServerConfig, 'cookies'> {
  /** Every request goes through it; the settings above are then ignored. Never closed by the stack. */
  dispatcher?: Dispatcher | undefined;
}
