import { modernEnvelope } from '../era/modernEra.js';
import type { Negotiation } from '../era/negotiateEra.js';
import { eraOf, type ProtocolEra } from '../era/protocolVersion.js';
import type { ProtocolEngine } from '../protocol/protocolEngine.js';
import type { Transport } from '../protocol/transport.js';
import type { ClientCapabilities, Implementation, ServerCapabilities } from '../types/mcpTypes.js';
import type { Logger } from '../util/logger.js';

/** The format of a snapshot; one of another format is not resumed (a new handshake runs instead). */
export const CONNECTION_SNAPSHOT_VERSION = 1;

/**
 * What a connection agreed with its server, enough to take it up again in another process (a
 * function run per request, a restarted worker) without a new handshake: `client.snapshot()` gives
 * it, `connect({ resume })` takes it. JSON-safe; no token or header value is in it. The session id is
 * the server's handle on the session: keep the snapshot where you keep the user's session.
 */
export interface ConnectionSnapshot {
  version: typeof CONNECTION_SNAPSHOT_VERSION;
  /** The transport it was made on (`http` …): another transport does not resume it. */
  transportType: string;
  era: ProtocolEra;
  protocolVersion: string;
  serverInfo: Implementation;
  serverCapabilities: ServerCapabilities;
  instructions?: string | undefined;
  /** The Streamable HTTP session id (`Mcp-Session-Id`), when the server gave one. */
  sessionId?: string | undefined;
}

/** A transport that can take up a session another process opened (Streamable HTTP). */
export interface ResumableTransport extends Transport {
  /** The session id the server gave, if any. */
  readonly sessionId?: string | undefined;
  /** Puts `sessionId` and `protocolVersion` on the requests from now on, without a handshake. */
  resumeSession?(sessionId: string, protocolVersion: string): void;
}

export function snapshotOf(
  identity: Negotiation,
  transportType: string,
  transport: ResumableTransport | undefined,
): ConnectionSnapshot {
  const { era, protocolVersion, serverInfo, serverCapabilities, instructions } = identity;
  const sessionId = transport?.sessionId;
  return structuredClone({
    version: CONNECTION_SNAPSHOT_VERSION,
    transportType,
    era,
    protocolVersion,
    serverInfo,
    serverCapabilities,
    ...(instructions !== undefined && { instructions }),
    ...(sessionId !== undefined && { sessionId }),
  });
}

/** Why a snapshot was not taken up; the client then runs a new handshake (on a new transport once `sent`). */
export class ResumeRefused extends Error {
  constructor(
    message: string,
    readonly sent = false,
  ) {
    super(message);
  }
}

/**
 * Takes up the connection a snapshot describes on a fresh transport: the modern era only needs its
 * envelope (the server keeps no session); a handshake-era session is checked with one `ping`, which a
 * server that forgot the session answers 404. Throws ResumeRefused when the snapshot does not fit or
 * the server no longer knows the session.
 */
export async function resumeConnection(
  engine: ProtocolEngine,
  transport: ResumableTransport,
  snapshot: ConnectionSnapshot,
  context: {
    transportType: string;
    clientInfo: Implementation;
    capabilities: ClientCapabilities;
    timeout: number;
    signal: AbortSignal;
  },
): Promise<Negotiation> {
  const { version, transportType, era, protocolVersion, sessionId } = snapshot ?? {};
  if (version !== CONNECTION_SNAPSHOT_VERSION || transportType !== context.transportType)
    throw new ResumeRefused('the snapshot is of another format or transport');
  if (typeof protocolVersion !== 'string' || eraOf(protocolVersion) !== era)
    throw new ResumeRefused('the snapshot has no protocol version of its era');
  const identity: Negotiation = {
    era,
    protocolVersion,
    serverInfo: snapshot.serverInfo,
    serverCapabilities: snapshot.serverCapabilities,
    instructions: snapshot.instructions,
    how: 'resumed',
  };
  if (era === 'modern') {
    engine.setEnvelope(modernEnvelope(protocolVersion, context.capabilities, context.clientInfo));
    return identity;
  }
  // A new process (stdio) never saw the handshake: only a transport with sessions (HTTP) resumes this era.
  if (!transport.resumeSession)
    throw new ResumeRefused('the transport cannot take up a handshake-era connection');
  if (sessionId === undefined) return identity;
  transport.resumeSession(sessionId, protocolVersion);
  try {
    await engine.request('ping', undefined, { timeout: context.timeout, signal: context.signal });
  } catch (error) {
    if (context.signal.aborted) throw error;
    throw new ResumeRefused('the server no longer knows the session', true);
  }
  return identity;
}

/**
 * The snapshot taken up, or, when it is refused before anything was sent (another format, a transport
 * without sessions), `negotiate()` on this same transport. A session the server forgot is thrown on:
 * its transport is spent, the client connects again on a new one.
 */
export function resumeOr(
  negotiate: () => Promise<Negotiation>,
  engine: ProtocolEngine,
  transport: Transport,
  snapshot: ConnectionSnapshot,
  context: Parameters<typeof resumeConnection>[3] & { logger: Logger },
): Promise<Negotiation> {
  return resumeConnection(engine, transport, snapshot, context).catch((error: unknown) => {
    if (!(error instanceof ResumeRefused) || error.sent) throw error;
    context.logger.info({ reason: error.message }, 'the snapshot does not fit; connecting anew');
    return negotiate();
  });
}
