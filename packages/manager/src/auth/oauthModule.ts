import { createRequire } from 'node:module';

/**
 * `@org/mcp-auth`'s OAuth flow (with oauth4webapi, undici and @org/mcp-http), loaded at the first
 * server that uses OAuth, never at import: a stdio-only manager loads none of it. `require` (of ES
 * modules, Node ≥ 20.19) keeps a server's creation synchronous and returns the very module `import`
 * gives, so `instanceof OAuthProvider` holds; Node caches it after the first call.
 */
const load = createRequire(import.meta.url);

export function oauthModule(): typeof import('@org/mcp-auth') {
  return load('@org/mcp-auth');
}
