import { MCPProtocolError } from '../errors/errors.js';
import type { ClientCapabilities, Implementation } from '../types/mcpTypes.js';
import type { ServerIdentity } from './handshake.js';
import { MODERN_PROTOCOL_VERSIONS } from './protocolVersion.js';

/** The `_meta` keys of the modern era. */
export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  subscriptionId: 'io.modelcontextprotocol/subscriptionId',
} as const;

/** JSON-RPC errors the modern era defines. */
export const MODERN_ERROR = {
  HEADER_MISMATCH: -32020,
  MISSING_CLIENT_CAPABILITY: -32021,
  UNSUPPORTED_PROTOCOL_VERSION: -32022,
} as const;

/** The envelope every modern-era request carries in `params._meta`. */
export function modernEnvelope(
  version: string,
  capabilities: ClientCapabilities,
  clientInfo: Implementation,
): Record<string, unknown> {
  return {
    [META.protocolVersion]: version,
    [META.clientCapabilities]: capabilities,
    [META.clientInfo]: clientInfo,
  };
}

/** A `server/discover` result: only this (it lists supported versions) proves a server is modern. */
export function isDiscoverResult(value: unknown): value is {
  supportedVersions: string[];
  capabilities: Record<string, unknown>;
  instructions?: string;
  _meta?: Record<string, unknown>;
} {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.supportedVersions) &&
    v.supportedVersions.every((s) => typeof s === 'string') &&
    typeof v.capabilities === 'object' &&
    v.capabilities !== null
  );
}

/** The versions an UnsupportedProtocolVersion error lists, or undefined when the error is not one. */
export function supportedVersionsOf(error: unknown): string[] | undefined {
  if (!(error instanceof MCPProtocolError) || error.rpcCode !== MODERN_ERROR.UNSUPPORTED_PROTOCOL_VERSION)
    return undefined;
  const supported = (error.data as { supported?: unknown } | undefined)?.supported;
  return Array.isArray(supported) && supported.every((s) => typeof s === 'string') ? supported : undefined;
}

/** The newest modern revision both sides speak, if any. */
export function pickModernVersion(serverVersions: readonly string[]): string | undefined {
  return MODERN_PROTOCOL_VERSIONS.find((v) => serverVersions.includes(v));
}

/** What a discover result tells about the server, in the same shape as the handshake gives. */
export function identityFromDiscover(
  result: { capabilities: Record<string, unknown>; instructions?: string; _meta?: Record<string, unknown> },
  protocolVersion: string,
): ServerIdentity {
  const serverInfo = (result._meta?.[META.serverInfo] as Implementation | undefined) ?? {
    name: 'unknown',
    version: 'unknown',
  };
  return {
    protocolVersion,
    serverInfo,
    serverCapabilities: result.capabilities,
    instructions: result.instructions,
  };
}

/** A HeaderMismatch error (-32020): an HTTP server found the mirrored headers and the body disagreeing. */
export function isHeaderMismatch(error: unknown): boolean {
  return error instanceof MCPProtocolError && error.rpcCode === MODERN_ERROR.HEADER_MISMATCH;
}
