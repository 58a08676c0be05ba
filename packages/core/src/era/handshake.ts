import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPConnectionError, MCPProtocolError } from '../errors/errors.js';
import type { ProtocolEngine } from '../protocol/protocolEngine.js';
import {
  type ClientCapabilities,
  type Implementation,
  InitializeResultSchema,
  type ServerCapabilities,
} from '../types/mcpTypes.js';
import { serverLabel } from '../util/serverLabel.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocolVersion.js';

/** What the client learns about a server when it connects, whatever the protocol era. */
export interface ServerIdentity {
  protocolVersion: string;
  serverInfo: Implementation;
  serverCapabilities: ServerCapabilities;
  instructions?: string | undefined;
}

export interface NegotiationOptions {
  clientInfo: Implementation;
  capabilities: ClientCapabilities;
  /** Offer this revision instead of the newest. */
  protocolVersion?: string | undefined;
  timeout: number;
  signal?: AbortSignal | undefined;
  serverName?: string | undefined;
}

/**
 * The handshake era: `initialize`, check the version the server chose, then
 * `notifications/initialized`. The seam where the modern era plugs in beside it.
 */
export async function initializeHandshake(
  engine: ProtocolEngine,
  options: NegotiationOptions,
): Promise<ServerIdentity> {
  const offered = options.protocolVersion ?? LATEST_PROTOCOL_VERSION;
  const raw = await engine.request(
    'initialize',
    { protocolVersion: offered, capabilities: options.capabilities, clientInfo: options.clientInfo },
    { timeout: options.timeout, signal: options.signal },
  );
  const parsed = InitializeResultSchema.safeParse(raw);
  const who = serverLabel(options.serverName);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MCPProtocolError(
      CoreErrorCode.INVALID_INITIALIZE_RESULT,
      `${who} answered initialize with an invalid result (${issue?.path.join('.') || 'result'}: ${issue?.message}).`,
      { serverName: options.serverName },
    );
  }
  const result = parsed.data;
  if (!SUPPORTED_PROTOCOL_VERSIONS.includes(result.protocolVersion)) {
    throw new MCPConnectionError(
      CoreErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
      `${who} chose protocol version ${result.protocolVersion}, which this client does not speak (it supports ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}). Upgrade the client or the server.`,
      { serverName: options.serverName },
    );
  }
  await engine.notify('notifications/initialized');
  return {
    protocolVersion: result.protocolVersion,
    serverInfo: result.serverInfo,
    serverCapabilities: result.capabilities,
    instructions: result.instructions,
  };
}
