/** What a token endpoint granted, as the provider keeps and stores it. Every field but the times is a secret. */
export interface TokenSet {
  accessToken: string;
  /** `Bearer` or `DPoP`, as the token endpoint said. */
  tokenType: string;
  /** When the access token expires, in ms since the epoch; undefined when the server did not say. */
  expiresAt?: number | undefined;
  /** When it was issued, in ms since the epoch: with `expiresAt`, its lifetime, which scales the refresh margin. */
  issuedAt?: number | undefined;
  refreshToken?: string | undefined;
  /** The scope granted (space-separated): the server's `scope`, else the one asked for. */
  scope?: string | undefined;
}
