/** What a provider decides once the server has refused its credentials. */
export type HttpAuthDecision = 'retry' | 'fail';

/** A 401 or 403 answer, as {@link HttpAuthProvider.onUnauthorized} sees it. */
export interface HttpAuthChallenge {
  status: 401 | 403;
  /** The `WWW-Authenticate` header (where an OAuth server names its metadata and scope), if any. */
  wwwAuthenticate: string | undefined;
  /** The URL that refused, after any redirects. */
  url: URL;
  /** The refused request's method. */
  method: string;
  /** The provider's headers the refused request carried (which token was refused), if any. */
  sent: Record<string, string> | undefined;
  /** The refusal's headers (a DPoP server's `DPoP-Nonce`, say). */
  headers: Record<string, string | string[] | undefined>;
  /** The refused request's signal: a provider that waits (a renewal) stops waiting for this request when it aborts. */
  signal?: AbortSignal | undefined;
}

/** An answer the exchange hands to the transport (not a redirect, not a refusal sent again), as {@link HttpAuthProvider.onResponse} sees it. */
export interface HttpAuthResponse {
  status: number;
  /** The URL that answered, after any redirects. */
  url: URL;
  /** Its headers (a DPoP server's fresh `DPoP-Nonce`, say). */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Credentials for every request of an exchange, e.g. an OAuth access token. The header values
 * are secrets like the configured headers: never logged, scrubbed from error snippets.
 */
export interface HttpAuthProvider {
  /**
   * Headers added to a request to `url` (`request` says its method, for proofs bound to it); asked
   * before every request, so cache what is costly. `request.signal` is the request's: a provider
   * that waits (a renewal) stops waiting for this request when it aborts.
   */
  headers(
    url: URL,
    request: { method: string; signal?: AbortSignal | undefined },
  ): Record<string, string> | Promise<Record<string, string>>;
  /**
   * The server answered 401 or 403. `'retry'`: `headers()` is asked again and the request sent
   * once more (at most MAX_AUTH_RETRIES times per request); `'fail'`: the answer goes to the transport, which rejects with
   * HTTP_STATUS. Without this method every 401/403 fails. A throw rejects the request with it.
   */
  onUnauthorized?(challenge: HttpAuthChallenge): HttpAuthDecision | Promise<HttpAuthDecision>;
  /**
   * Told of every answer the exchange hands on, whatever its status, before the transport reads it:
   * for what a server sends with any answer (RFC 9449 §8: a new DPoP nonce may come with a success).
   * Synchronous, on the hot path: keep it cheap. A throw rejects the request with it.
   */
  onResponse?(response: HttpAuthResponse): void;
  /**
   * Whether the provider is waiting for a person right now (an interactive login): the transport
   * reports it to the protocol timers, which do not count that wait against a request or connect deadline.
   */
  waitingForUser?(): boolean;
}
