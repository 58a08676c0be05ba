/** One authorization the user (or a headless stand-in) is asked to complete. */
export interface AuthorizationRequest {
  /** The authorization server's URL to visit: carries the PKCE challenge, `state` and `resource`. A secret-free URL, but do not log it in full. */
  url: URL;
  /** The redirect URI the URL names. */
  redirectUri: string;
  /** Aborts when the provider gives up (its timeout or the caller's signal). */
  signal: AbortSignal;
}

/**
 * The user's part of the authorization code flow: gets the authorization URL, returns the callback
 * URL the authorization server redirected to (with `code`, `state` and maybe `iss`). The provider
 * checks that URL; the handler only carries it.
 */
export interface AuthorizationHandler {
  /** The redirect URI to register and send (a loopback handler opens its listener here, once). */
  redirectUri(): string | Promise<string>;
  /** Sends the user to `request.url`; resolves with the callback URL, rejects on failure or abort. */
  authorize(request: AuthorizationRequest): Promise<URL>;
  /** Frees what the handler holds (a loopback listener). Optional. */
  close?(): Promise<void>;
}
