import type { ErrorCodeEntry } from './errorCatalogue.js';
import type { ConfigErrorCode, FactoryErrorCode, ManagerErrorCode } from './errorCodes.js';

type Code =
  | (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode]
  | (typeof FactoryErrorCode)[keyof typeof FactoryErrorCode]
  | (typeof ManagerErrorCode)[keyof typeof ManagerErrorCode];

/** The catalogue's entries for config, the factory and the manager. */
export const STACK_ENTRIES: Readonly<Record<Code, ErrorCodeEntry>> = {
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
    meaning:
      "a call waited past `queueTimeout` for a turn among its server's concurrent calls; it was not sent",
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
  USER_SCOPED_SERVER: {
    class: 'MCPConnectionError',
    retry: false,
    meaning:
      'a user-scoped server (`"scope": "user"`) used without a user: go through `manager.forUser(principal)`',
  },
  USER_CONNECTION_LIMIT: {
    class: 'MCPConnectionError',
    retry: true,
    meaning:
      'a user-scoped server has `maxUserConnections` connections and none is idle to close; the call was not sent',
  },
};
