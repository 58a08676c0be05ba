import {
  HttpErrorCode,
  type JSONRPCMessage,
  type Logger,
  MCPConnectionError,
  MCPTransportError,
} from '@org/mcp-core';
import { deadline } from '@org/mcp-core/internal';
import type { HttpExchange } from '@org/mcp-http';

type Headers = Record<string, string>;

const ACCEPT_BOTH = 'application/json, text/event-stream';
const SESSION_HEADER = 'mcp-session-id';
const VERSION_HEADER = 'mcp-protocol-version';
/** Visible ASCII, as the spec requires of a session id. */
const SESSION_ID_PATTERN = /^[\x21-\x7e]+$/;

export interface HttpSessionOptions {
  serverName: string;
  logger: Logger;
  /** Runs the kept handshake again on a new session (the transport POSTs it). */
  reinitialize: (initialize: JSONRPCMessage, initialized: JSONRPCMessage | undefined) => Promise<void>;
  /** Told when a lost session could not be re-established; the transport is unusable then. */
  onLost: (error: MCPConnectionError) => void;
}

/**
 * The Streamable HTTP session: its id and the agreed protocol version on every request, the
 * handshake kept to re-establish a session the server forgot (once at a time, for every request
 * that met it), and its DELETE at close.
 */
export class HttpSession {
  /** The session id the server gave at initialize, if any. */
  id: string | undefined;
  /** Headers of an initialize POST: it never carries a session. */
  readonly initHeaders: Headers = { 'content-type': 'application/json', accept: ACCEPT_BOTH };
  postHeaders: Headers = this.initHeaders;
  /** Headers of a GET that opens an event stream (the server's stream, or a resumed answer). */
  eventStreamHeaders: Headers = { accept: 'text/event-stream' };
  private deleteHeaders: Headers = {};
  private version: string | undefined;
  /** Kept to re-run the handshake when the session expires. */
  private initializeMessage: JSONRPCMessage | undefined;
  private initializedMessage: JSONRPCMessage | undefined;
  private recovering: Promise<void> | undefined;

  constructor(private readonly options: HttpSessionOptions) {}

  /** The agreed protocol version, once set. */
  get protocolVersion(): string | undefined {
    return this.version;
  }

  /** Resolves when a recovery in progress has ended; new sends wait for it. */
  get recovery(): Promise<void> | undefined {
    return this.recovering;
  }

  /** Keeps the handshake messages core sends, to repeat them on a new session. */
  remember(message: JSONRPCMessage): void {
    if (!('method' in message)) return;
    if (message.method === 'initialize' && 'id' in message) this.initializeMessage = message;
    else if (message.method === 'notifications/initialized') this.initializedMessage = message;
  }

  setProtocolVersion(version: string): void {
    this.version = version;
    this.rebuildHeaders();
  }

  /** Takes the session id from an initialize answer; a new handshake replaces the old id. */
  adopt(value: string | string[] | undefined): void {
    const id = Array.isArray(value) ? value[0] : value;
    if (id !== undefined && !SESSION_ID_PATTERN.test(id)) {
      throw new MCPTransportError(
        HttpErrorCode.INVALID_SESSION_ID,
        `Server "${this.options.serverName}" sent a session id with characters outside visible ASCII.`,
        { serverName: this.options.serverName },
      );
    }
    this.id = id;
    this.rebuildHeaders();
  }

  /** One recovery at a time; requests that hit the same stale session wait for it. A failure is SESSION_LOST. */
  recover(staleId: string): Promise<void> {
    if (this.recovering) return this.recovering;
    if (this.id !== staleId) return Promise.resolve();
    const initialize = this.initializeMessage;
    const attempt = initialize
      ? this.options.reinitialize(initialize, this.initializedMessage)
      : Promise.reject(new Error('no initialize request was seen to repeat.'));
    this.recovering = attempt.then(
      () => {
        this.recovering = undefined;
      },
      (cause) => {
        this.recovering = undefined;
        const error = new MCPConnectionError(
          HttpErrorCode.SESSION_LOST,
          `Server "${this.options.serverName}" ended the session and starting a new one failed: ${cause instanceof Error ? cause.message : String(cause)} Reconnect the client.`,
          { serverName: this.options.serverName, cause },
        );
        this.options.onLost(error);
        throw error;
      },
    );
    return this.recovering;
  }

  /** DELETEs the session, if the server gave one; bounded by `timeout`, failures only logged. */
  async end(exchange: HttpExchange, timeout: number): Promise<void> {
    if (this.id === undefined) return;
    const bound = deadline(timeout);
    try {
      const response = await exchange.request({
        method: 'DELETE',
        headers: this.deleteHeaders,
        signal: bound.signal,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      await response.body.dump();
      this.options.logger.debug({ status: response.status }, 'session deleted');
    } catch (error) {
      this.options.logger.debug({ err: error }, 'could not delete the session');
    } finally {
      bound.clear();
    }
  }

  private rebuildHeaders(): void {
    const common: Headers = {};
    if (this.id !== undefined) common[SESSION_HEADER] = this.id;
    if (this.version !== undefined) common[VERSION_HEADER] = this.version;
    this.postHeaders = { ...common, 'content-type': 'application/json', accept: ACCEPT_BOTH };
    this.eventStreamHeaders = { ...common, accept: 'text/event-stream' };
    this.deleteHeaders = common;
  }
}
