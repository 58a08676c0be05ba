import { type Negotiation, negotiateEra } from '../era/negotiateEra.js';
import type { ProtocolEra } from '../era/protocolVersion.js';
import type { ProtocolEngine } from '../protocol/protocolEngine.js';
import type { Transport } from '../protocol/transport.js';
import { abortable } from '../util/abortable.js';
import type { Logger } from '../util/logger.js';
import {
  type ClientOptions,
  capabilitiesFor,
  DEFAULT_CLIENT_INFO,
  DEFAULT_PROBE_TIMEOUT,
} from './clientOptions.js';
import { type ConnectionSnapshot, resumeOr } from './connectionSnapshot.js';

/** Where one connect attempt stands: the era asked for, the snapshot to resume, its deadline and signal. */
export interface NegotiationAttempt {
  era: 'auto' | ProtocolEra;
  resume: ConnectionSnapshot | undefined;
  timeout: number;
  signal: AbortSignal;
  serverName: string;
  transportType: string;
  logger: Logger;
}

/**
 * What client and server agree on over a started transport: the snapshot's connection taken up when
 * given, else the era negotiated (or fixed by a transport that knows the server speaks only the handshake).
 */
export async function negotiateConnection(
  engine: ProtocolEngine,
  transport: Transport,
  options: ClientOptions & { eraCacheKey?: string },
  attempt: NegotiationAttempt,
): Promise<Negotiation> {
  const { era, resume, timeout, signal, serverName, logger } = attempt;
  // Read after start: a transport that detects what the server speaks knows only then.
  const handshakeOnly = era === 'auto' && transport.handshakeOnly === true;
  const clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
  const capabilities = capabilitiesFor(options);
  const negotiate = () =>
    negotiateEra(engine, {
      clientInfo,
      capabilities,
      protocolVersion: options.protocolVersion,
      era: handshakeOnly ? 'handshake' : era,
      probeTimeout: options.probeTimeout ?? DEFAULT_PROBE_TIMEOUT,
      cacheKey: options.eraCacheKey,
      store: options.eraStore,
      onStoreError: (error) => logger.warn({ err: error }, 'the era store failed; it is bypassed'),
      timeout,
      signal,
      serverName,
    });
  const context = { transportType: attempt.transportType, clientInfo, capabilities, timeout, signal };
  const resumed = resume && resumeOr(negotiate, engine, transport, resume, { ...context, logger });
  const negotiated = await abortable(resumed || negotiate(), signal);
  return handshakeOnly ? { ...negotiated, how: 'transport' } : negotiated;
}
