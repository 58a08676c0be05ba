import {
  CoreErrorCode,
  HttpErrorCode,
  type JSONRPCMessage,
  MCPConnectionError,
  MCPTransportError,
  type RequestId,
  type Transport,
  type TransportSendOptions,
} from '@org/mcp-core';
import { LEGACY_SSE_STATUSES, type RemoteTransportKind } from '@org/mcp-core/internal';

export type DetectedTransport = RemoteTransportKind;

export interface DetectingTransportOptions {
  /** What the server is known to speak (this client's or the process's memory); none: try Streamable HTTP. */
  known: () => DetectedTransport | undefined;
  create: (kind: DetectedTransport) => Transport;
  /** Told what the server speaks: at start when it was known, else once it has answered. */
  onDetected?: (kind: DetectedTransport) => void;
  /** A remembered legacy stream failed to open: the memory is dropped and Streamable HTTP tried instead. */
  onStale?: () => void;
  /** Whether the credentials provider waits for a person to log in. */
  waitingForUser?: () => boolean;
}

/**
 * A transport for a URL whose transport was not declared. It speaks Streamable HTTP from the first
 * message, the connection's real `server/discover` or `initialize`, and keeps that session. Only an
 * `initialize` POST refused with 400, 404 or 405 (the statuses the specification names for a legacy
 * server) before anything answered makes it open the legacy HTTP+SSE stream and send that
 * `initialize` there. Without a probe, a server that speaks Streamable HTTP sees one handshake.
 */
export class DetectingTransport implements Transport {
  private inner: Transport | undefined;
  /** Streamable HTTP is on trial: nothing has answered yet, a legacy refusal may still switch. */
  private trying = false;
  /** The connect's signal, which also bounds opening the legacy stream after a refusal. */
  private connectSignal: AbortSignal | undefined;
  /** While the legacy stream opens: the request that waits for it, and what stops the opening. */
  private switching: { requestId: RequestId | undefined; stop: AbortController } | undefined;
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;

  constructor(private readonly options: DetectingTransportOptions) {}

  // Read by the session on every cancel, so it must follow the transport in use.
  get cancelsByAbort(): boolean | undefined {
    return this.inner?.cancelsByAbort;
  }

  // Read by the client right after start: true only when the legacy transport was known.
  get handshakeOnly(): boolean | undefined {
    return this.inner?.handshakeOnly;
  }

  // Read by the deadlines of connect and of each request: a login is not the server's time.
  waitingForUser(): boolean {
    return this.inner?.waitingForUser?.() === true || this.options.waitingForUser?.() === true;
  }

  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    const known = this.options.known();
    const kind = known ?? 'streamable-http';
    this.connectSignal = options.signal;
    this.trying = kind === 'streamable-http';
    if (known) this.options.onDetected?.(known);
    const inner = this.adopt(kind);
    try {
      await inner.start(options);
    } catch (error) {
      if (kind !== 'sse' || options.signal?.aborted) throw error;
      // The URL's remembered legacy stream no longer opens (the server moved to Streamable HTTP, say):
      // forget it and try Streamable HTTP in this same connect.
      this.options.onStale?.();
      inner.onclose = undefined;
      await inner.close();
      this.trying = true;
      await this.adopt('streamable-http').start(options);
    }
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const inner = this.inner;
    if (!inner)
      throw new MCPConnectionError(
        CoreErrorCode.TRANSPORT_NOT_STARTED,
        `Cannot send "${'method' in message ? message.method : 'a response'}": the transport was not started. Call connect() first.`,
      );
    if (!this.trying) return inner.send(message, options);
    try {
      await inner.send(message, options);
    } catch (error) {
      if (!this.trying || !isLegacyRefusal(message, error)) throw error;
      // Only a request (an initialize) gets here, so it has an id.
      await this.fallBack(options?.requestId ?? (message as { id?: RequestId }).id);
      return (this.inner as Transport).send(message, options);
    }
    // A request answered (a result or a JSON-RPC error): the server speaks Streamable HTTP.
    if (this.trying && 'id' in message && 'method' in message) {
      this.trying = false;
      this.options.onDetected?.('streamable-http');
    }
  }

  abortRequest(requestId: RequestId, reason: Error): void {
    if (this.switching?.requestId === requestId) this.switching.stop.abort(reason);
    else this.inner?.abortRequest?.(requestId, reason);
  }

  async close(): Promise<void> {
    this.switching?.stop.abort();
    await this.inner?.close();
  }

  isAlive(): boolean {
    return this.inner?.isAlive?.() ?? false;
  }

  setProtocolVersion(version: string): void {
    this.inner?.setProtocolVersion?.(version);
  }

  diagnostics(): string | undefined {
    return this.inner?.diagnostics?.();
  }

  private adopt(kind: DetectedTransport): Transport {
    const inner = this.options.create(kind);
    inner.onmessage = (message) => this.onmessage?.(message);
    inner.onclose = (reason) => this.onclose?.(reason);
    inner.onerror = (error) => this.onerror?.(error);
    this.inner = inner;
    return inner;
  }

  /** The Streamable HTTP attempt is dropped (it opened no session) and the legacy stream opened in its place. */
  private async fallBack(requestId: RequestId | undefined): Promise<void> {
    this.trying = false;
    const tried = this.inner as Transport;
    tried.onclose = undefined;
    tried.onerror = undefined;
    await tried.close();
    const stop = new AbortController();
    const connect = this.connectSignal;
    const onStop = () => stop.abort(connect?.reason);
    if (connect?.aborted) onStop();
    else connect?.addEventListener('abort', onStop, { once: true });
    this.switching = { requestId, stop };
    try {
      await this.adopt('sse').start({ signal: stop.signal });
    } finally {
      this.switching = undefined;
      connect?.removeEventListener('abort', onStop);
    }
    this.options.onDetected?.('sse');
  }
}

/** An `initialize` POST refused with a status the specification names for a legacy HTTP+SSE server. */
function isLegacyRefusal(message: JSONRPCMessage, error: unknown): boolean {
  return (
    'method' in message &&
    message.method === 'initialize' &&
    error instanceof MCPTransportError &&
    error.code === HttpErrorCode.HTTP_STATUS &&
    error.status !== undefined &&
    LEGACY_SSE_STATUSES.has(error.status)
  );
}
