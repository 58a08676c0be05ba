/** The MCP server's URL as an RFC 8707 resource: no fragment, lowercase scheme and host (URL does that). */
export function canonicalResource(url: string | URL): URL {
  const resource = new URL(url);
  resource.hash = '';
  return resource;
}

/** The resource as sent: without the trailing slash of a bare origin (`https://mcp.example.com`). */
export function resourceString(url: URL): string {
  const text = url.href;
  return url.pathname === '/' && !url.search && text.endsWith('/') ? text.slice(0, -1) : text;
}

/**
 * Whether protected resource metadata naming `declared` may speak for the server at `server`: the
 * same origin, and the server's path inside the declared one (a PRM for `https://h/` covers `https://h/mcp`).
 */
export function resourceCovers(declared: URL, server: URL): boolean {
  if (declared.origin !== server.origin) return false;
  const base = declared.pathname.endsWith('/') ? declared.pathname : `${declared.pathname}/`;
  const path = server.pathname.endsWith('/') ? server.pathname : `${server.pathname}/`;
  return path.startsWith(base);
}
