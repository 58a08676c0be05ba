/** The transports the stack ships. */
export const TransportType = { STDIO: 'stdio', SSE: 'sse', HTTP: 'http' } as const;
export type TransportTypeName = (typeof TransportType)[keyof typeof TransportType];

interface CommonServerConfig {
  /** false keeps the server configured but never connected. Default true. */
  enabled?: boolean;
  /** Default per-request timeout for this server, in ms. */
  timeout?: number;
  /** Timeout for connect (start plus handshake), in ms. */
  connectTimeout?: number;
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

/** A remote server on the legacy HTTP+SSE transport (2024-11-05). */
export interface SSEServerConfig extends CommonServerConfig {
  transport: 'sse';
  url: string;
  /** Sent on every request. Values are secrets. */
  headers?: Record<string, string>;
  /** OAuth settings; `false`: never authorize (the static headers only). */
  oauth?: OAuthServerConfig | false;
}

/** A remote server on Streamable HTTP. */
export interface HttpServerConfig extends CommonServerConfig {
  transport: 'http';
  url: string;
  /** Sent on every request. Values are secrets. */
  headers?: Record<string, string>;
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
}
