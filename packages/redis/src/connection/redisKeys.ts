import { createHash } from 'node:crypto';

/** The default key prefix: every key a store writes starts with it. */
export const DEFAULT_KEY_PREFIX = 'mcp:';

/**
 * A fixed-length name for anything a key is made of (a URL, a principal, a fingerprint): keys stay
 * short and bounded, and never spell out who the principal is.
 */
export function keyDigest(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

/**
 * `<prefix><kind>:{<digest>}`: the braces are a Cluster hash tag, so the keys of one digest (a token set
 * and its lock) live in one slot and one script may touch both.
 */
export function slotKey(prefix: string, kind: string, digest: string): string {
  return `${prefix}${kind}:{${digest}}`;
}
