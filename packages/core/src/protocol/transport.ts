import type { JSONRPCMessage, RequestId } from './jsonrpc.js';

export interface TransportSendOptions {
  /** The wire id of the request this message is, if it is one. */
  requestId?: RequestId;
}

/**
 * What a transport does: move JSON-RPC messages. Everything protocol-level (ids, timeouts,
 * handshake, server requests) lives in the ProtocolEngine on top of it.
 */
export interface Transport {
  /** Opens the channel (spawns the process, opens the stream). Rejects with a typed MCPError. */
  start(options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Sends one message. For a request, a rejection fails that request only (an HTTP 500, say);
   * the transport stays usable unless it also calls `onclose`.
   */
  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void>;
  /** Closes the channel and releases everything. Idempotent; resolves once nothing is left running. */
  close(): Promise<void>;
  /** Each inbound message, already parsed from JSON (a batch arrives as an array). */
  onmessage?: (message: unknown) => void;
  /** Called once when the channel is gone; `reason` is set when it was not our own close. */
  onclose?: (reason?: Error) => void;
  /** A non-fatal problem worth logging (a bad line, a failed background stream). */
  onerror?: (error: Error) => void;
  /** Cheap liveness (process running, stream open). Absent means "assume alive". */
  isAlive?(): boolean;
  /** Told the negotiated protocol version, for transports that put it on the wire. */
  setProtocolVersion?(version: string): void;
  /**
   * The request with this wire id timed out or was cancelled: stop sending it and reading its
   * answer (HTTP aborts its POST). For transports where a request holds something of its own; the
   * protocol engine calls it instead of handing every request an AbortSignal, which costs far more.
   */
  abortRequest?(requestId: RequestId, reason: Error): void;
  /** The transport exists only in the handshake era (legacy HTTP+SSE): era 'auto' skips the `server/discover` probe. */
  readonly handshakeOnly?: boolean;
  /** In the modern era, `abortRequest` is the request's cancellation (HTTP): no `notifications/cancelled` is sent. */
  readonly cancelsByAbort?: boolean;
  /**
   * Whether the transport is waiting for a person right now (an OAuth login in a browser): the
   * protocol engine's request deadlines and the connect deadline do not count that wait (a timer that
   * runs out meanwhile starts again). Absent means never.
   */
  waitingForUser?(): boolean;
  /** Extra context for error messages (e.g. a stdio server's stderr tail). Never secrets. */
  diagnostics?(): string | undefined;
}
