import {
  CoreErrorCode,
  type JSONRPCMessage,
  MCPConnectionError,
  type RequestId,
  type Transport,
  type TransportSendOptions,
} from '@org/mcp-core';

export type DetectedTransport = 'streamable-http' | 'sse';

export interface DetectingTransportOptions {
  /** Finds out which transport the server speaks. Called once per DetectingTransport, at start. */
  detect: (signal: AbortSignal | undefined) => Promise<DetectedTransport>;
  create: (kind: DetectedTransport) => Transport;
  /** Told the answer, once. */
  onDetected?: (kind: DetectedTransport) => void;
  /** Whether the credentials provider waits for a person to log in: the probe may start that login. */
  waitingForUser?: () => boolean;
}

/** A transport that picks Streamable HTTP or legacy SSE at start and then simply delegates to it. */
export class DetectingTransport implements Transport {
  private inner: Transport | undefined;
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;

  constructor(private readonly options: DetectingTransportOptions) {}

  // Read by the session on every cancel, so it must follow the transport that was detected.
  get cancelsByAbort(): boolean | undefined {
    return this.inner?.cancelsByAbort;
  }

  // Read by the client right after start, once the transport is known.
  get handshakeOnly(): boolean | undefined {
    return this.inner?.handshakeOnly;
  }

  // Read by the deadlines of connect and of each request: a login, during the probe or after, is not the server's time.
  waitingForUser(): boolean {
    return this.inner?.waitingForUser?.() === true || this.options.waitingForUser?.() === true;
  }

  async start(options: { signal?: AbortSignal } = {}): Promise<void> {
    const kind = await this.options.detect(options.signal);
    this.options.onDetected?.(kind);
    const inner = this.options.create(kind);
    inner.onmessage = (message) => this.onmessage?.(message);
    inner.onclose = (reason) => this.onclose?.(reason);
    inner.onerror = (error) => this.onerror?.(error);
    this.inner = inner;
    await inner.start(options);
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (!this.inner)
      return Promise.reject(
        new MCPConnectionError(
          CoreErrorCode.TRANSPORT_NOT_STARTED,
          `Cannot send "${'method' in message ? message.method : 'a response'}": the transport was not started. Call connect() first.`,
        ),
      );
    return this.inner.send(message, options);
  }

  abortRequest(requestId: RequestId, reason: Error): void {
    this.inner?.abortRequest?.(requestId, reason);
  }

  async close(): Promise<void> {
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
}
