/** How a client authenticates at the token endpoint (RFC 7591 `token_endpoint_auth_method`). */
export type TokenEndpointAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'private_key_jwt';

/**
 * A client known to one authorization server: pre-registered in the options, a client ID metadata
 * document URL, or what dynamic registration returned. `clientSecret` is a secret.
 */
export interface ClientRegistration {
  clientId: string;
  clientSecret?: string | undefined;
  /** Default: `client_secret_basic` with a secret (or what the server supports), else `none`. */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod | undefined;
  /** When a registered secret expires, in seconds since the epoch (RFC 7591); 0 or undefined: never. */
  clientSecretExpiresAt?: number | undefined;
  /** The redirect URIs it was registered with. */
  redirectUris?: string[] | undefined;
}
