import {
  DEFAULT_CLIENT_INFO,
  type HeadersOption,
  JSONRPC_ERROR,
  LATEST_PROTOCOL_VERSION,
  MCPTimeoutError,
} from '@org/mcp-core';
import { deadline, describeUrl, LEGACY_SSE_STATUSES, MODERN_ERROR } from '@org/mcp-core/internal';
import { type HttpAuthProvider, HttpExchange, type HttpNetworkOptions, readBodyText } from '@org/mcp-http';
import { parseEndpoint } from './endpoint.js';
import { jsonRpcErrorOf } from './jsonRpcErrorOf.js';
import { DEFAULT_CLOSE_TIMEOUT } from './transportOptions.js';

/** What {@link detectHttpTransport} found the server speaks. */
export type DetectedHttpTransport = 'streamable-http' | 'sse';

export interface DetectHttpTransportOptions {
  /** Sent with the probe (credentials). Values are secrets. */
  headers?: HeadersOption | undefined;
  /** Adds credentials to the probe and may have a 401/403 retried once, as in the transports. */
  auth?: HttpAuthProvider | undefined;
  signal?: AbortSignal | undefined;
  /** Bound on the probe in ms. Default {@link DEFAULT_DETECT_TIMEOUT}. */
  timeout?: number | undefined;
  /** The server's name in errors. Default: the URL's host. */
  serverName?: string | undefined;
  /** Proxy, CA, client certificate or a Dispatcher, as in the transports. */
  network?: HttpNetworkOptions | undefined;
}

export const DEFAULT_DETECT_TIMEOUT = 10_000;

/** JSON-RPC errors with which a modern-era Streamable HTTP server refuses an `initialize`. */
const MODERN_REFUSALS = new Set<number>([...Object.values(MODERN_ERROR), JSONRPC_ERROR.METHOD_NOT_FOUND]);

/**
 * Tells whether `url` speaks Streamable HTTP or only the legacy HTTP+SSE transport, the way
 * the spec recommends: POST an `initialize`; 2xx means Streamable HTTP (and the probe's session
 * is deleted at once), so does a 400/404/405 carrying a modern-era JSON-RPC error (-32020..-32022,
 * -32601); any other 400, 404 or 405 means legacy SSE. Any other answer rejects with
 * MCPTransportError (carrying the status), a timeout with MCPTimeoutError.
 */
export async function detectHttpTransport(
  url: string | URL,
  options: DetectHttpTransportOptions = {},
): Promise<DetectedHttpTransport> {
  const endpoint = parseEndpoint(url, options.serverName);
  const serverName = options.serverName ?? endpoint.host;
  const timeout = options.timeout ?? DEFAULT_DETECT_TIMEOUT;
  const bound = deadline(timeout, options.signal);
  const signal = bound.signal;
  const exchange = new HttpExchange({
    url: endpoint,
    headers: options.headers,
    serverName,
    kind: 'Streamable HTTP',
    auth: options.auth,
    connectTimeout: timeout,
    network: options.network,
  });
  try {
    const response = await exchange.request({
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'detect-transport',
        method: 'initialize',
        params: {
          protocolVersion: LATEST_PROTOCOL_VERSION,
          capabilities: {},
          clientInfo: DEFAULT_CLIENT_INFO,
        },
      }),
      signal,
    });
    const { status } = response;
    if (LEGACY_SSE_STATUSES.has(status)) {
      // A modern-era server refuses initialize with a JSON-RPC error; a legacy one has no such body.
      const refusal = jsonRpcErrorOf(await readBodyText(response.body));
      return refusal && MODERN_REFUSALS.has(refusal.code) ? 'streamable-http' : 'sse';
    }
    if (status < 200 || status >= 300) {
      throw await exchange.statusError(response, 'the transport probe (an initialize POST)');
    }
    // The answer itself is not needed; an event stream may stay open, so drop it.
    response.body.on('error', () => {});
    response.body.destroy();
    const session = response.headers['mcp-session-id'];
    const sessionId = Array.isArray(session) ? session[0] : session;
    if (sessionId) {
      // The probe made a session: end it so none leaks. Failure here does not change the answer.
      const closing = deadline(DEFAULT_CLOSE_TIMEOUT);
      try {
        const deleted = await exchange.request({
          method: 'DELETE',
          headers: { 'mcp-session-id': sessionId },
          signal: closing.signal,
        });
        await deleted.body.dump();
      } catch {
        // 405 or a network error: the server will expire the session itself.
      } finally {
        closing.clear();
      }
    }
    return 'streamable-http';
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (bound.timedOut) {
      throw new MCPTimeoutError('initialize', timeout, {
        serverName,
        message: `Probing server "${serverName}" for its HTTP transport timed out after ${timeout} ms. Check that ${describeUrl(endpoint)} is reachable, or raise the timeout.`,
      });
    }
    throw error;
  } finally {
    bound.clear();
    await exchange.close();
  }
}
