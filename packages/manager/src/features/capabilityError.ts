import { ManagerErrorCode, type MCPClient, MCPError } from '@org/mcp-core';

/**
 * What a call needs that `server` does not offer: `missing` says what its capabilities lack (handshake era), and
 * the 2026-07-28 era, where the feature works another way that this client does not follow yet, is named as such.
 */
export function capabilityError(
  server: string,
  client: MCPClient,
  needs: { missing: string; modern: string; cannot: string },
): MCPError {
  const why =
    client.era === 'modern'
      ? `speaks 2026-07-28, ${needs.modern} (not supported yet)`
      : `does not declare ${needs.missing}`;
  return new MCPError(
    ManagerErrorCode.CAPABILITY_UNSUPPORTED,
    `Server "${server}" ${why}; ${needs.cannot}.`,
    {
      serverName: server,
    },
  );
}
