import type { MCPConfigError } from '../errors/errors.js';

/** The transports the stack ships. */
export const TransportType = { STDIO: 'stdio', SSE: 'sse', HTTP: 'http' } as const;
export type TransportTypeName = (typeof TransportType)[keyof typeof TransportType];

/**
 * HTTP headers of a remote server: fixed values, or a function asked before every request (sync or async), for
 * short-lived credentials that are not OAuth. Values are secrets either way.
 */
export type HeadersOption =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/** Which of a server's tools the manager offers, and which it marks as approved in advance. */
export interface ToolFilterConfig {
  /** Globs (picomatch) over the tool's name on its server: only tools matching one are offered. Default: all. */
  includeTools?: string[];
  /** Globs over the tool's name: tools matching one are not offered, even if included. Default: none. */
  excludeTools?: string[];
  /** Tools not offered, by name or glob (Cline, Roo Code). Default: none. */
  disabledTools?: string[];
  /** Tools the host may call without asking its user, by name or glob (`autoApprove`, Roo Code's `alwaysAllow`): a hint on the qualified tool, nothing more. */
  autoApprove?: string[];
  /**
   * Tools whose calls run as tasks where the server supports them (followed to their end without a request
   * timeout), by name or glob; as `{ task: true }` on each call. Default: none.
   */
  taskTools?: string[];
}

interface CommonServerConfig extends ToolFilterConfig {
  /** false keeps the server configured but never connected. Default true. */
  enabled?: boolean;
  /** Default per-request timeout for this server, in ms. */
  timeout?: number;
  /** Timeout for connect (start plus handshake), in ms. */
  connectTimeout?: number;
  /**
   * Believe the server's tool annotations (`readOnlyHint`, `destructiveHint`, …): hooks and agent tools see
   * `trusted: true`. Untrusted, they are hints and never a reason to skip approval. Default false.
   */
  trust?: boolean;
  /** How long progress may keep one of its tool calls alive, in ms (the client's `maxTotalTimeout`). Default 600 000. */
  maxTotalTimeout?: number;
  /** When the manager starts it: at `connectAllEnabled` (`eager`) or at its first call (`lazy`). Default: the manager's. */
  start?: 'eager' | 'lazy';
  /** A running server with no work for this long (ms) is stopped and starts again on demand; 0 never. Default: the manager's. */
  idleTimeout?: number;
  /**
   * `shared`: one connection all users share; `user`: one connection per end user (manager.forUser), started on
   * that user's first use, with `${user:NAME}` variables in url, headers, env and args. Default `shared`.
   */
  scope?: 'shared' | 'user';
  /** A user-scoped server's connection with no work for this long (ms) is closed; 0 never. Default: the manager's. */
  userIdleTimeout?: number;
  /** A user-scoped server's connections at most: past it the least recently used idle one closes. Default: the manager's. */
  maxUserConnections?: number;
}

/**
 * OAuth for one remote server (the `oauth` block of mcp_servers.json). Every field is optional:
 * without any, discovery and dynamic registration find the rest. `clientSecret` is a secret.
 */
export interface OAuthServerConfig {
  /** A client registered beforehand with the authorization server. */
  clientId?: string;
  /** That client's secret (the config only takes it through `${VAR}`). */
  clientSecret?: string;
  /** The scopes to ask for, instead of what the server's metadata suggests. */
  scopes?: string[];
  /** The loopback callback: `http://127.0.0.1:<callbackPort>/callback`. */
  callbackPort?: number;
  /** The redirect URI, where a callback port is not enough. */
  redirectUri?: string;
  /** An https URL that is this client's ID metadata document. */
  clientMetadataUrl?: string;
  /** Where the authorization server's metadata is, instead of finding it (Claude Code's `authServerMetadataUrl`). */
  authServerMetadataUrl?: string;
  /** A PEM private key (PKCS#8) for `private_key_jwt`, resolved against the config file. */
  privateKeyFile?: string;
}

/** A local server started as a subprocess speaking newline-delimited JSON on stdin/stdout. */
export interface StdioServerConfig extends CommonServerConfig {
  transport?: 'stdio';
  command: string;
  args?: string[];
  /** Added to the child's minimal inherited environment. Values are secrets. */
  env?: Record<string, string>;
  cwd?: string;
  /**
   * `command` and `cwd` as the user wrote them, before `${VAR}` expansion: what errors and logs
   * name, since the expanded values may hold a secret. The config package sets each one that
   * expansion changed; where one is absent, the value itself is named.
   */
  asWritten?: { command?: string; cwd?: string };
  /** Pass the host's whole environment instead of the minimal set. Default false. */
  inheritEnv?: boolean;
  /** How long to wait after SIGTERM before SIGKILL, in ms. Default 5000. */
  stopGracePeriod?: number;
}

/**
 * How a remote server is reached on a company's network: everything HTTP for the server (MCP requests, event
 * streams, OAuth) goes this way. Paths resolve against the config file. `passphrase` and the proxy URL's
 * credentials are secrets.
 */
export interface NetworkServerConfig {
  /** A forward proxy URL (`http://user:pass@proxy:3128`), used for this server whatever the environment says; `false`: none, not even HTTPS_PROXY/HTTP_PROXY. Default: HTTPS_PROXY, HTTP_PROXY and NO_PROXY. */
  proxy?: string | false;
  /** A PEM file of CA certificates trusted for this server, besides Node's own and NODE_EXTRA_CA_CERTS. */
  ca?: string;
  /** A PEM client certificate (chain) for mutual TLS, with `key`. */
  cert?: string;
  /** The PEM private key of `cert`. */
  key?: string;
  /** The passphrase of an encrypted `key`. A secret. */
  passphrase?: string;
  /** Turns TLS certificate verification off for this server, logged as a warning at every connect. Default false; use `ca` instead. */
  insecureSkipVerify?: boolean;
  /** Keeps the cookies the server (or a balancer in front of it) sets, for the life of a connection. Default true. */
  cookies?: boolean;
}

/** A remote server on the legacy HTTP+SSE transport (2024-11-05). */
export interface SSEServerConfig extends CommonServerConfig, NetworkServerConfig {
  transport: 'sse';
  url: string;
  /** Sent on every request; a function is asked before each. Values are secrets. */
  headers?: HeadersOption;
  /** OAuth settings; `false`: never authorize (the static headers only). */
  oauth?: OAuthServerConfig | false;
}

/** A remote server on Streamable HTTP. */
export interface HttpServerConfig extends CommonServerConfig, NetworkServerConfig {
  transport: 'http';
  url: string;
  /** Sent on every request; a function is asked before each. Values are secrets. */
  headers?: HeadersOption;
  /** OAuth settings; `false`: never authorize (the static headers only). */
  oauth?: OAuthServerConfig | false;
  /** When the server turns out to be legacy HTTP+SSE only, use that instead. Default false. */
  sseFallback?: boolean;
}

export type MCPServerConfig = StdioServerConfig | SSEServerConfig | HttpServerConfig;

/** A server on a transport registered with the factory at run time. */
export interface CustomServerConfig extends CommonServerConfig {
  transport: string;
  [key: string]: unknown;
}

/** The whole `mcp_servers.json`, normalised. */
export interface MCPServersConfig {
  mcpServers: Record<string, MCPServerConfig>;
  /**
   * Entries that could not be read, by server name, each with its own error (naming the fields, never a value):
   * only from a load with `strict: false`. The manager registers them as `failed` servers.
   */
  failed?: Record<string, MCPConfigError>;
}
