import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPAuthError, MCPConnectionError, MCPProtocolError, MCPTransportError } from '../errors/errors.js';
import type { ProtocolEngine } from '../protocol/protocolEngine.js';
import { type EraChoice, type EraStore, eraCache } from './eraCache.js';
import { initializeHandshake, type NegotiationOptions, type ServerIdentity } from './handshake.js';
import {
  identityFromDiscover,
  isDiscoverResult,
  modernEnvelope,
  pickModernVersion,
  supportedVersionsOf,
} from './modernEra.js';
import {
  eraOf,
  MODERN_PROTOCOL_VERSIONS,
  type ProtocolEra,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './protocolVersion.js';

export interface EraNegotiationOptions extends NegotiationOptions {
  /** 'auto' probes; an era skips the probe. */
  era: 'auto' | ProtocolEra;
  probeTimeout: number;
  /** Where the answer is remembered (a command line, an origin and path); none: not remembered. */
  cacheKey?: string | undefined;
  /** Where answers are kept. Default: the process's memory (eraCache). */
  store?: EraStore | undefined;
  /** Hears of a store that failed (it is then bypassed). */
  onStoreError?: ((error: unknown) => void) | undefined;
}

export interface Negotiation extends ServerIdentity {
  era: ProtocolEra;
  /**
   * How the era was settled, for the connect log: a pin, a remembered answer, the probe, a refused
   * initialize, a transport that has only the handshake era, or a snapshot resumed.
   */
  how?: 'pinned' | 'remembered' | 'probed' | 'initialize refused' | 'transport' | 'resumed';
}

/** The probe ended the connection (some old servers exit on any request before initialize): start again in the handshake era. */
export class ProbeLostConnection extends Error {}

/**
 * What a connection that ended on the probe means. A server that exited with an error code before
 * writing anything at all never read the probe: it failed to start, and starting it again in the
 * handshake era would only fail the same way, so its exit is the connect error. Anything else
 * (a clean exit, an answer or a banner first) may be an old server the probe upset.
 */
function lostOnProbe(error: unknown): Error {
  const failedToStart =
    error instanceof MCPConnectionError &&
    error.startup === true &&
    typeof error.exitCode === 'number' &&
    error.exitCode !== 0;
  return failedToStart ? error : new ProbeLostConnection();
}

/**
 * Agrees an era and revision with the server, as the 2026-07-28 versioning rules describe:
 * only a real `server/discover` result, or an UnsupportedProtocolVersion error listing modern
 * revisions, means "modern"; anything else (an error, a 400, an empty result, silence) means
 * "handshake". The answer is cached per server.
 */
export async function negotiateEra(
  engine: ProtocolEngine,
  options: EraNegotiationOptions,
): Promise<Negotiation> {
  const pinned = options.protocolVersion ? eraOf(options.protocolVersion) : undefined;
  const remembered = rememberedEras(options);
  const cached = await remembered.get();
  const choice: EraChoice | undefined = pinned
    ? { era: pinned, version: options.protocolVersion as string }
    : options.era !== 'auto'
      ? {
          era: options.era,
          version:
            options.era === 'modern'
              ? (MODERN_PROTOCOL_VERSIONS[0] as string)
              : (SUPPORTED_PROTOCOL_VERSIONS[0] as string),
        }
      : cached;
  try {
    const result = choice
      ? choice.era === 'modern'
        ? await discover(engine, options, choice.version, options.timeout)
        : await handshake(engine, options, choice.version)
      : await probe(engine, options);
    await remembered.set({ era: result.era, version: result.protocolVersion });
    return {
      ...result,
      how: result.how ?? (pinned || options.era !== 'auto' ? 'pinned' : cached ? 'remembered' : 'probed'),
    };
  } catch (error) {
    // A remembered answer that no longer holds is forgotten, so the next connect probes again.
    if (cached) await remembered.delete();
    throw error;
  }
}

/** The store's answers for this server's key; a store that fails is reported and counts as having none. */
function rememberedEras(options: EraNegotiationOptions) {
  const { cacheKey: key, store = eraCache, onStoreError } = options;
  const safely = async <T>(use: (key: string) => T | Promise<T>): Promise<T | undefined> => {
    if (key === undefined) return undefined;
    try {
      return await use(key);
    } catch (error) {
      onStoreError?.(error);
      return undefined;
    }
  };
  return {
    get: () => safely((k) => store.get(k)),
    set: (choice: EraChoice) => safely((k) => store.set(k, choice)),
    delete: () => safely((k) => store.delete(k)),
  };
}

async function probe(engine: ProtocolEngine, options: EraNegotiationOptions): Promise<Negotiation> {
  const latest = MODERN_PROTOCOL_VERSIONS[0] as string;
  try {
    return await discover(engine, options, latest, Math.min(options.probeTimeout, options.timeout));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // Authorization refused (by the auth provider, or a 401/403 it gave up on) is no answer about the
    // era: trying initialize would only authorize again.
    if (error instanceof MCPAuthError || isAuthRefusal(error)) throw error;
    if (error instanceof NotModern) return handshake(engine, options, undefined);
    const supported = supportedVersionsOf(error);
    if (supported) {
      const modern = pickModernVersion(supported);
      if (modern) return discover(engine, options, modern, options.timeout);
      const handshakeVersion = SUPPORTED_PROTOCOL_VERSIONS.find((v) => supported.includes(v));
      if (handshakeVersion) return handshake(engine, options, handshakeVersion);
      throw unsupported(options, supported);
    }
    if (engine.isClosed) throw lostOnProbe(error);
    try {
      return await handshake(engine, options, undefined);
    } catch (handshakeError) {
      // Answered the probe with an error, then exited before reading initialize: the probe ended it.
      if (engine.isClosed && !options.signal?.aborted) throw lostOnProbe(handshakeError);
      throw handshakeError;
    }
  }
}

/** The discover result was not one: the server is handshake-era. */
class NotModern extends Error {}

async function discover(
  engine: ProtocolEngine,
  options: EraNegotiationOptions,
  version: string,
  timeout: number,
): Promise<Negotiation> {
  engine.setEnvelope(modernEnvelope(version, options.capabilities, options.clientInfo));
  let result: unknown;
  try {
    result = await engine.request('server/discover', undefined, { timeout, signal: options.signal });
  } catch (error) {
    engine.setEnvelope(undefined);
    throw error;
  }
  if (!isDiscoverResult(result)) {
    engine.setEnvelope(undefined);
    if (options.era === 'modern' || eraOf(options.protocolVersion ?? '') === 'modern') {
      throw new MCPProtocolError(
        CoreErrorCode.INVALID_DISCOVER_RESULT,
        `Server "${options.serverName}" answered server/discover without supportedVersions; it does not speak the modern era. Use era 'auto' or 'handshake'.`,
        {
          serverName: options.serverName,
        },
      );
    }
    throw new NotModern();
  }
  const chosen = result.supportedVersions.includes(version)
    ? version
    : pickModernVersion(result.supportedVersions);
  if (!chosen) {
    engine.setEnvelope(undefined);
    throw unsupported(options, result.supportedVersions);
  }
  if (chosen !== version)
    engine.setEnvelope(modernEnvelope(chosen, options.capabilities, options.clientInfo));
  return { ...identityFromDiscover(result, chosen), era: 'modern' };
}

async function handshake(
  engine: ProtocolEngine,
  options: EraNegotiationOptions,
  version: string | undefined,
): Promise<Negotiation> {
  engine.setEnvelope(undefined);
  try {
    return {
      ...(await initializeHandshake(engine, { ...options, protocolVersion: version })),
      era: 'handshake',
    };
  } catch (error) {
    // A modern-only server refuses initialize with the revisions it does speak.
    const supported = supportedVersionsOf(error);
    if (!supported) throw error;
    const modern = pickModernVersion(supported);
    if (modern && options.era === 'auto' && !options.protocolVersion)
      return { ...(await discover(engine, options, modern, options.timeout)), how: 'initialize refused' };
    throw unsupported(options, supported, error);
  }
}

function unsupported(
  options: EraNegotiationOptions,
  supported: readonly string[],
  cause?: unknown,
): MCPConnectionError {
  const pin = options.protocolVersion
    ? `protocolVersion '${options.protocolVersion}'`
    : options.era !== 'auto'
      ? `era '${options.era}'`
      : undefined;
  const known = [...MODERN_PROTOCOL_VERSIONS, ...SUPPORTED_PROTOCOL_VERSIONS];
  const advice =
    pin && supported.some((v) => known.includes(v))
      ? `, not the ${pin} this client was pinned to. Remove the pin, or pin one of those.`
      : `, none of which this client supports (${known.join(', ')}). Upgrade the client or the server.`;
  return new MCPConnectionError(
    CoreErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
    `Server "${options.serverName}" speaks protocol ${supported.join(', ')}${advice}`,
    { serverName: options.serverName, cause },
  );
}

/** An HTTP 401 or 403: the credentials were refused, whatever era the server speaks. */
function isAuthRefusal(error: unknown): boolean {
  return error instanceof MCPTransportError && (error.status === 401 || error.status === 403);
}
