import type { PrivateKeyInput } from './privateKeyJwt.js';

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
  /**
   * For `private_key_jwt` (RFC 7523 client assertion): the client's private key, or a function that reads it when
   * a token request needs it. Only on a pre-registered client (never stored); a secret.
   */
  privateKey?: PrivateKeyInput | (() => Promise<PrivateKeyInput>) | undefined;
  /** The JWS algorithm of the client assertion. Default: by the key (ES256 for P-256, else RS256). */
  signingAlgorithm?: string | undefined;
  /** The `kid` header of the client assertion. */
  keyId?: string | undefined;
}
