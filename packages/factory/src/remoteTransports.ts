import { createRequire } from 'node:module';

/**
 * The remote transport packages, loaded at the first remote client created, never at import: a
 * stdio-only user loads no HTTP client, cookie jar, proxy or TLS code. `require` (of ES modules,
 * Node ≥ 20.19) keeps `createClient` synchronous and returns the very module `import` gives, so
 * `instanceof MCPHttpClient` holds; Node caches it after the first call.
 */
const load = createRequire(import.meta.url);

export function httpTransport(): typeof import('@org/mcp-transport-http') {
  return load('@org/mcp-transport-http');
}

export function sseTransport(): typeof import('@org/mcp-transport-sse') {
  return load('@org/mcp-transport-sse');
}
