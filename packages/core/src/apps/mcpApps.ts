import type { ClientCapabilities } from '../types/mcpTypes.js';

/** The MCP Apps extension's identifier, under `capabilities.extensions` (SEP-1865). */
export const MCP_APPS_EXTENSION_ID = 'io.modelcontextprotocol/ui';

/** The one content type of an app's view: an HTML document. */
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';

/** The scheme of every app view's resource URI. */
export const UI_RESOURCE_SCHEME = 'ui://';

/** Capabilities with the extension declared, so servers offer their views; other extensions kept. */
export function withAppsExtension(capabilities: ClientCapabilities): ClientCapabilities {
  const extensions = capabilities.extensions;
  const others = typeof extensions === 'object' && extensions !== null ? extensions : {};
  return {
    ...capabilities,
    extensions: { ...others, [MCP_APPS_EXTENSION_ID]: { mimeTypes: [MCP_APP_MIME_TYPE] } },
  };
}
