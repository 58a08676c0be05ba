import type { NetworkServerConfig } from '@org/mcp-core';
import type { CookieJar } from 'tough-cookie';
import type { Dispatcher } from 'undici';

/**
 * How one server's HTTP goes out: a config's proxy, TLS and cookie settings (core's NetworkServerConfig, a
 * CookieJar allowed for `cookies`), or a ready undici Dispatcher that wins over the proxy and TLS ones.
 */
export interface HttpNetworkOptions extends Omit<NetworkServerConfig, 'cookies'> {
  /** Keep the server's cookies: `true` (default) in a jar of the exchange's own (at most 50 cookies), a tough-cookie `CookieJar` to share one (across reconnects, with other code), `false` for none. */
  cookies?: boolean | CookieJar | undefined;
  /** Every request goes through it; the settings above are then ignored. Never closed by the stack. */
  dispatcher?: Dispatcher | undefined;
}
