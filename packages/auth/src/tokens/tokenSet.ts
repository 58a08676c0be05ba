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

/**
 * Whether to refresh now: `refreshBefore` ms ahead of the expiry, or a quarter of the token's
 * lifetime when that is shorter, so a token that lives 30 s serves for most of them.
 */
export function refreshDue(tokens: TokenSet, refreshBefore: number, now: number): boolean {
  if (tokens.expiresAt === undefined) return false;
  const lifetime = tokens.issuedAt === undefined ? undefined : tokens.expiresAt - tokens.issuedAt;
  const margin = lifetime === undefined ? refreshBefore : Math.min(refreshBefore, lifetime / 4);
  return tokens.expiresAt - margin <= now;
}
