import type { ClientRegistration } from '../client/clientRegistration.js';
import type { TokenSet } from './tokenSet.js';

/** Tokens belong to one MCP server (the resource) as granted by one authorization server (the issuer). */
export interface TokenStoreKey {
  /** The MCP server's canonical URL (RFC 8707 `resource`). */
  resource: string;
  /** The authorization server's `issuer`. */
  issuer: string;
  /**
   * The end user the tokens act for (a manager's user-scoped servers). Absent: the default principal, which
   * is what every entry of a store written before principals existed belongs to.
   */
  principal?: string;
}

/**
 * Where tokens and registered clients are kept. Clients are keyed by issuer alone: a server that
 * moves to another authorization server gets a new registration, never a reused one.
 */
export interface TokenStore {
  getTokens(key: TokenStoreKey): Promise<TokenSet | undefined>;
  /**
   * Runs `change` with the newest tokens of `key`, alone: no other update of that key runs
   * meanwhile (for a store shared between processes, in any process), and stores what it returns
   * (undefined removes them). This is how a refresh reads, redeems and saves a rotating refresh
   * token without two holders redeeming it twice.
   */
  updateTokens(
    key: TokenStoreKey,
    change: (current: TokenSet | undefined) => Promise<TokenSet | undefined>,
  ): Promise<TokenSet | undefined>;
  getClient(issuer: string): Promise<ClientRegistration | undefined>;
  /** Keeps (or, with undefined, forgets) the client registered with `issuer`. */
  setClient(issuer: string, client: ClientRegistration | undefined): Promise<void>;
  /**
   * Optional: the key of the tokens last granted for the MCP server at `server` (its URL), so a
   * provider's first request in a later run carries them instead of taking a 401 first. A store
   * without it still works; the first request then goes without a token.
   */
  getTokenKey?(server: string, principal?: string): Promise<TokenStoreKey | undefined>;
  /**
   * Optional, with {@link getTokenKey}: remembers (or, with undefined, forgets) whose tokens serve `server`
   * for `principal` (absent: the default principal).
   */
  setTokenKey?(server: string, key: TokenStoreKey | undefined, principal?: string): Promise<void>;
}

/** One string per key, for stores that keep a flat map; a key without a principal keeps its earlier string. */
export function tokenStoreKeyString(key: TokenStoreKey): string {
  return key.principal === undefined
    ? JSON.stringify([key.resource, key.issuer])
    : JSON.stringify([key.resource, key.issuer, key.principal]);
}

/** One string per (server, principal) for the remembered token keys; the default principal's is the server's URL. */
export function tokenKeyIdOf(server: string, principal: string | undefined): string {
  return principal === undefined ? server : JSON.stringify([server, principal]);
}

/** Whether two remembered keys are the same. */
export function sameTokenKey(a: TokenStoreKey | undefined, b: TokenStoreKey | undefined): boolean {
  return a?.resource === b?.resource && a?.issuer === b?.issuer && a?.principal === b?.principal;
}
