import type { ErrorCodeEntry } from './errorCatalogue.js';
import type { CoreErrorCode, HttpErrorCode, SseErrorCode, StdioErrorCode } from './errorCodes.js';

type Code =
  | (typeof CoreErrorCode)[keyof typeof CoreErrorCode]
  | (typeof StdioErrorCode)[keyof typeof StdioErrorCode]
  | (typeof HttpErrorCode)[keyof typeof HttpErrorCode]
  | (typeof SseErrorCode)[keyof typeof SseErrorCode];

/** The catalogue's entries for core and the three transports. */
export const TRANSPORT_ENTRIES: Readonly<Record<Code, ErrorCodeEntry>> = {
  REQUEST_TIMEOUT: {
    class: 'MCPTimeoutError',
    retry: true,
    meaning: 'a request or a connect ran past its timeout',
  },
  REQUEST_ABORTED: { class: 'MCPAbortError', retry: false, meaning: "the caller's AbortSignal fired" },
  NOT_CONNECTED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the client or server is not connected',
  },
  CONNECT_FAILED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'connecting failed; `cause` says why',
  },
  CONNECTION_CLOSED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the connection closed while a request was pending',
  },
  CLIENT_CLOSED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the client was disconnected by its caller',
  },
  CLIENT_CLOSING: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'connect was called while the client was disconnecting',
  },
  PEER_CLOSED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the other end of an in-memory transport closed',
  },
  TRANSPORT_CLOSED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a send on a transport that is closed',
  },
  TRANSPORT_NOT_STARTED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a send on a transport that was never started',
  },
  ALREADY_STARTED: { class: 'MCPConnectionError', retry: true, meaning: 'a transport was started twice' },
  UNSUPPORTED_PROTOCOL_VERSION: {
    class: 'MCPConnectionError',
    retry: false,
    meaning: 'the server speaks no protocol revision this client speaks',
  },
  PROTOCOL_ERROR: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'the server answered with a JSON-RPC error (`rpcCode`, `data`)',
  },
  INVALID_RESULT: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'a result that does not have the shape its method requires',
  },
  INVALID_INITIALIZE_RESULT: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'an `initialize` result without a usable protocol version',
  },
  INVALID_DISCOVER_RESULT: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'a `server/discover` result without a usable version',
  },
  PAGINATION_LOOP: { class: 'MCPProtocolError', retry: true, meaning: 'a list method repeated a cursor' },
  PAGINATION_LIMIT: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'a list went past its bound in items, bytes (`listLimits`) or pages',
  },
  INPUT_ROUNDS_EXCEEDED: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'the server kept asking for input past the round limit',
  },
  INPUT_UNAVAILABLE: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: 'the server asked for input the client has no handler for',
  },
  INVALID_SERVER_REQUEST: {
    class: 'MCPProtocolError',
    retry: true,
    meaning:
      'a server request the client refuses (an undeclared elicitation mode, a URL that is not http(s))',
  },
  INVALID_HANDLER_RESULT: {
    class: 'MCPProtocolError',
    retry: true,
    meaning: "a handler's answer that does not fit the server's request (content against `requestedSchema`)",
  },
  INVALID_JSON: { class: 'MCPTransportError', retry: true, meaning: 'a message that is not valid JSON-RPC' },
  MESSAGE_TOO_LARGE: { class: 'MCPTransportError', retry: true, meaning: 'a message over the size limit' },
  INVALID_URL: { class: 'MCPConfigError', retry: false, meaning: 'a server URL that is not an http(s) URL' },
  TOOL_RESULT_ERROR: {
    class: 'MCPToolError',
    retry: false,
    meaning: 'a tool result with `isError: true`, under `throwOnError` (`content`, `result`)',
  },
  TOOL_CALL_REFUSED: {
    class: 'MCPHookError',
    retry: false,
    meaning: 'a hook refused the call before it was sent (`hook`, `reason`)',
  },
  HOOK_FAILED: {
    class: 'MCPHookError',
    retry: false,
    meaning: 'a hook threw (`hook`, `stage`; `cause` is what it threw)',
  },
  SPAWN_FAILED: {
    class: 'MCPConnectionError',
    retry: false,
    meaning: 'the stdio server could not be started (missing command, no permission)',
  },
  UNSAFE_ARGUMENT: {
    class: 'MCPConfigError',
    retry: false,
    meaning:
      'on Windows, an argument with a line break or NUL for a `.cmd`/`.bat` command (such as `npx`), which cmd.exe cannot be given safely',
  },
  SERVER_EXITED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning:
      'the stdio server exited (`exitCode`, `signal`, `stderrTail`; `startup: true` when it had written nothing on stdout)',
  },
  PIPE_CLOSED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning:
      'the stdio server closed its stdout, or a write to its stdin failed (EPIPE), while it kept running; it was stopped',
  },
  HTTP_STATUS: {
    class: 'MCPTransportError',
    retry: { exceptStatus: [401, 403, 404, 410] },
    meaning: 'an HTTP answer with an error status (`status`)',
  },
  HTTP_CONTENT_TYPE: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'an HTTP answer with a content type the transport cannot read',
  },
  HTTP_REQUEST_FAILED: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'the HTTP request failed on the network (refused, reset, DNS)',
  },
  REDIRECT_REFUSED: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'a redirect to another origin, which is never followed',
  },
  SESSION_LOST: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the server forgot the session again right after it was renewed',
  },
  INVALID_SESSION_ID: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'a session id with characters outside visible ASCII',
  },
  STREAM_LOST: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the server event stream ended and could not be resumed',
  },
  STREAM_ENDED: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'a response stream ended before the response',
  },
  HEADERS_FAILED: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'the `headers` function threw, or gave something that is not a set of header strings',
  },
  NETWORK_CONFIG_INVALID: {
    class: 'MCPTransportError',
    retry: false,
    meaning:
      "a server's network settings cannot be used: a `ca`, `cert` or `key` file unreadable or not PEM, a `proxy` that is not an http(s) URL",
  },
  ENDPOINT_MISSING: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the SSE stream ended before announcing its endpoint',
  },
  INVALID_ENDPOINT: {
    class: 'MCPTransportError',
    retry: true,
    meaning: 'the SSE endpoint event is not a URL',
  },
  ENDPOINT_ORIGIN_MISMATCH: {
    class: 'MCPTransportError',
    retry: false,
    meaning: "the SSE endpoint is on another origin than the stream's",
  },
};
