import type { MCPErrorCode } from './errorCodes.js';

/** The class an error with a given code is raised as. */
export type MCPErrorClassName =
  | 'MCPError'
  | 'MCPConnectionError'
  | 'MCPTimeoutError'
  | 'MCPAbortError'
  | 'MCPTransportError'
  | 'MCPProtocolError'
  | 'MCPConfigError'
  | 'MCPToolError'
  | 'MCPHookError'
  | 'MCPAuthError';

/** What a code means, the class it comes as, and whether the manager tries again after it. */
export interface ErrorCodeEntry {
  readonly class: MCPErrorClassName;
  /**
   * `true`: another attempt may succeed; `{ exceptStatus }`: retried unless the error's HTTP `status` is one of
   * these, which another attempt with the same config cannot change (credentials, a URL that is not there).
   */
  readonly retry: boolean | { readonly exceptStatus: readonly number[] };
  readonly meaning: string;
}

/**
 * One entry per code; the root README's error table is checked against it by a test. Typed as
 * a total record, so a code without an entry does not compile.
 */
export const ERROR_CATALOGUE: Readonly<Record<MCPErrorCode, ErrorCodeEntry>> = {
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
  CONFIG_NOT_FOUND: { class: 'MCPConfigError', retry: false, meaning: 'the config file does not exist' },
  CONFIG_READ_FAILED: {
    class: 'MCPConfigError',
    retry: false,
    meaning: 'the config file or an `envFile` could not be read',
  },
  CONFIG_SYNTAX: { class: 'MCPConfigError', retry: false, meaning: 'the config file is not valid JSON' },
  CONFIG_INVALID: {
    class: 'MCPConfigError',
    retry: false,
    meaning: 'fields are wrong; `issues` lists each by dot path',
  },
  CONFIG_VARIABLE_UNSET: {
    class: 'MCPConfigError',
    retry: false,
    meaning: 'a variable reference that is unset and has no default',
  },
  UNKNOWN_TRANSPORT: {
    class: 'MCPConfigError',
    retry: false,
    meaning: 'a transport type no factory entry creates',
  },
  UNKNOWN_SERVER: {
    class: 'MCPConnectionError',
    retry: false,
    meaning: 'no server of that name is configured',
  },
  SERVER_EXISTS: { class: 'MCPError', retry: false, meaning: 'a server of that name is already configured' },
  SERVER_DISABLED: { class: 'MCPConnectionError', retry: false, meaning: 'the server is disabled' },
  SERVER_STOPPED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the server was stopped while connecting',
  },
  SERVER_IDLE: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a call to a server that was never connected',
  },
  SERVER_CONNECTING: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a call to a server that is still connecting',
  },
  SERVER_RECONNECTING: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a call to a server that is being restarted',
  },
  SERVER_FAILED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a call to a server whose connect or restarts failed',
  },
  SERVER_CLOSING: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a call to a server that is disconnecting',
  },
  SERVER_CLOSED: { class: 'MCPConnectionError', retry: true, meaning: 'a call to a server that is closed' },
  UNHEALTHY: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the server failed its health checks and is being restarted',
  },
  RESTARTS_EXHAUSTED: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'the server kept failing and restarts were given up',
  },
  MANAGER_SHUT_DOWN: { class: 'MCPConnectionError', retry: false, meaning: 'the manager is shut down' },
  UNKNOWN_TOOL: {
    class: 'MCPError',
    retry: false,
    meaning: 'no connected server offers a tool of that name',
  },
  TOOL_NAME_COLLISION: {
    class: 'MCPError',
    retry: false,
    meaning: "two servers offer the same tool name under toolNaming 'none'",
  },
  TOOL_FILTERED: {
    class: 'MCPError',
    retry: false,
    meaning:
      'the tool is filtered out (`includeTools`, `excludeTools`, `disabledTools`); the message names the rule',
  },
  UNKNOWN_SKILL: {
    class: 'MCPError',
    retry: false,
    meaning: 'no server offers a skill of that qualified name in the last listing',
  },
  SKILL_NAME_COLLISION: {
    class: 'MCPError',
    retry: false,
    meaning: "two skills share a name under toolNaming 'error'",
  },
  UNKNOWN_RESOURCE: {
    class: 'MCPError',
    retry: false,
    meaning: 'no connected server offers a resource or template of that qualified name in the last listing',
  },
  RESOURCE_NAME_COLLISION: {
    class: 'MCPError',
    retry: false,
    meaning: "two resources or templates share a name under toolNaming 'error'",
  },
  UNKNOWN_PROMPT: {
    class: 'MCPError',
    retry: false,
    meaning: 'no connected server offers a prompt of that qualified name in the last listing',
  },
  PROMPT_NAME_COLLISION: {
    class: 'MCPError',
    retry: false,
    meaning: "two prompts share a name under toolNaming 'error'",
  },
  CAPABILITY_UNSUPPORTED: {
    class: 'MCPError',
    retry: false,
    meaning: 'the server does not offer what the call needs (resource subscriptions, logging levels)',
  },
  INVALID_LOG_LEVEL: {
    class: 'MCPError',
    retry: false,
    meaning: "a log level that is not one of the protocol's eight (debug … emergency)",
  },
  CALL_QUEUE_FULL: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: 'a call found its server at `maxConcurrentCalls` with `maxQueuedCalls` waiting; it was not sent',
  },
  CALL_QUEUE_TIMEOUT: {
    class: 'MCPConnectionError',
    retry: true,
    meaning: "a call waited past `queueTimeout` for one of its server's call slots; it was not sent",
  },
  CIRCUIT_OPEN: {
    class: 'MCPConnectionError',
    retry: true,
    meaning:
      "the server's circuit breaker is open after failed calls in a row (`retryAt` says when it probes)",
  },
  NOT_OAUTH_SERVER: {
    class: 'MCPConnectionError',
    retry: false,
    meaning: '`authorize()` on a server that does not use OAuth (stdio, or `"oauth": false`)',
  },
  SKILLS_UNSUPPORTED: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: 'the server does not declare the skills extension (`io.modelcontextprotocol/skills`)',
  },
  SKILL_NOT_FOUND: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: 'the server serves no skill at that URI (`skills/get` answered -32602)',
  },
  SKILL_ENTRY_INVALID: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a skill entry that breaks the extension's rules (URI, name, file list)",
  },
  SKILL_UNVERIFIABLE: {
    class: 'MCPProtocolError',
    retry: false,
    meaning:
      'a skill without a file list (`resources: "dynamic"`), which cannot be verified, so is not loaded',
  },
  SKILL_TOO_LARGE: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: 'a skill or file past a bound (`maxFilesPerSkill`, `maxFileBytes`)',
  },
  SKILL_FILE_UNLISTED: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a read of a file the skill's entry does not list; nothing is fetched",
  },
  SKILL_FILE_SIZE_MISMATCH: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a skill file whose byte length is not its entry's `size`",
  },
  SKILL_FILE_DIGEST_MISMATCH: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a skill file whose sha256 is not its entry's `digest`",
  },
  SKILL_FRONTMATTER_MISMATCH: {
    class: 'MCPProtocolError',
    retry: false,
    meaning: "a `SKILL.md` whose YAML frontmatter is missing, invalid or not the entry's `frontmatter`",
  },
  TOOL_CALL_FAILED: {
    class: 'MCPError',
    retry: false,
    meaning:
      'a tool an agent framework ran came back as an error (`isError`, or the call failed; `cause`); the message is what the model reads',
  },
  TASKS_UNSUPPORTED: {
    class: 'MCPProtocolError',
    retry: false,
    meaning:
      'the server, or the tool (`execution.taskSupport`), does not support that task operation in its era',
  },
  TASK_CANCELLED: {
    class: 'MCPError',
    retry: false,
    meaning: 'the task was cancelled before it produced a result',
  },
  TASK_INTERRUPTED: {
    class: 'MCPConnectionError',
    retry: false,
    meaning:
      'the connection a task was waited on closed (disconnect, restart, stop, removal); the task may be gone with its server',
  },
  AUTH_REQUIRED: {
    class: 'MCPAuthError',
    retry: false,
    meaning:
      'the server needs authorization and no handler can get it (or the stored grant was revoked); configure `authorizationHandler` or credentials',
  },
  AUTH_DISCOVERY_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'no usable protected resource or authorization server metadata was found',
  },
  AUTH_RESOURCE_MISMATCH: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the protected resource metadata names another resource than this server',
  },
  AUTH_ISSUER_MISMATCH: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'authorization server metadata, or an authorization response (`iss`), names another issuer',
  },
  AUTH_INSECURE_ENDPOINT: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'an authorization, token or registration endpoint that is neither https nor loopback http',
  },
  AUTH_REGISTRATION_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning:
      'no client could be had: none pre-registered, no client ID metadata document, dynamic registration refused or absent',
  },
  AUTH_AUTHORIZATION_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the authorization step failed: denied, timed out, or a callback with the wrong `state`',
  },
  AUTH_TOKEN_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the token endpoint refused or answered badly (`oauthError`, `oauthErrorDescription`)',
  },
  AUTH_SCOPE_DENIED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the server kept asking for more scope (403 `insufficient_scope`) after 3 authorizations',
  },
  AUTH_STORE_FAILED: {
    class: 'MCPAuthError',
    retry: false,
    meaning: 'the token store could not be read or written',
  },
};
