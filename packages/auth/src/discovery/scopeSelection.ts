import type { AuthorizationContext } from './discovery.js';

/**
 * The scope of a first authorization (MCP scope selection): the challenge's, else every scope the
 * resource metadata lists, else none; `offline_access` added only where the authorization server
 * lists it (so a refresh token can be had).
 */
export function initialScope(
  challenged: string | undefined,
  context: AuthorizationContext,
): string | undefined {
  let scope = challenged?.trim() || context.scopesSupported?.join(' ') || undefined;
  if (scope === undefined) return undefined;
  if (context.authorizationServer.scopes_supported?.includes('offline_access'))
    scope = unionScopes(scope, 'offline_access');
  return scope;
}

/** The union of two space-separated scope sets, in first-seen order; undefined when both are empty. */
export function unionScopes(a: string | undefined, b: string | undefined): string | undefined {
  const all = new Set([...(a ?? '').split(' '), ...(b ?? '').split(' ')].filter(Boolean));
  return all.size ? [...all].join(' ') : undefined;
}

/** Whether a grant of `granted` holds every scope in `wanted` (both space-separated). */
export function grantsAll(granted: string | undefined, wanted: string | undefined): boolean {
  const held = new Set((granted ?? '').split(' '));
  return (wanted ?? '').split(' ').every((scope) => !scope || held.has(scope));
}
