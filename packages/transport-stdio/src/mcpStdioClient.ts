import {
  BaseMCPClient,
  type ClientOptions,
  MCPConfigError,
  type StdioServerConfig,
  TransportType,
} from '@org/mcp-core';
import { defaultServerName } from './shownConfig.js';
import { StdioTransport } from './stdioTransport.js';
import { DEFAULT_STDIO_CONNECT_TIMEOUT, type StdioTransportOptions } from './stdioTransportOptions.js';

/** ClientOptions plus the stdio transport's tuning; every field is optional with the transport's default. */
export interface MCPStdioClientOptions
  extends ClientOptions,
    Pick<StdioTransportOptions, 'maxMessageSize' | 'stderrTailSize' | 'stdinEndWait'> {}

/**
 * An MCP client for a local server run as a subprocess (`npx`, `uvx`, `node server.js`); named
 * after the command's basename (as written) unless `options.name` says otherwise. Connect defaults to 60 s.
 */
export class MCPStdioClient extends BaseMCPClient {
  private current: StdioTransport | undefined;

  constructor(config: StdioServerConfig, options: MCPStdioClientOptions = {}) {
    if (typeof config?.command !== 'string' || config.command.trim() === '') {
      throw new MCPConfigError(`Stdio server "${options.name ?? '(unnamed)'}" has no command`, {
        serverName: options.name,
        issues: [{ path: 'command', message: 'must be a non-empty string, e.g. "npx"' }],
      });
    }
    const name = options.name ?? defaultServerName(config);
    super({
      ...options,
      name,
      requestTimeout: options.requestTimeout ?? config.timeout,
      maxTotalTimeout: options.maxTotalTimeout ?? config.maxTotalTimeout,
      trust: options.trust ?? config.trust,
      connectTimeout: options.connectTimeout ?? config.connectTimeout ?? DEFAULT_STDIO_CONNECT_TIMEOUT,
      transportType: TransportType.STDIO,
      // The era a server speaks is learnt once per command line.
      eraCacheKey: `stdio ${JSON.stringify([config.command, ...(config.args ?? []), config.cwd ?? ''])}`,
      createTransport: ({ logger }) => {
        this.current = new StdioTransport({
          command: config.command,
          args: config.args,
          env: config.env,
          cwd: config.cwd,
          asWritten: config.asWritten,
          inheritEnv: config.inheritEnv,
          stopGracePeriod: config.stopGracePeriod,
          serverName: name,
          logger,
          maxMessageSize: options.maxMessageSize,
          stderrTailSize: options.stderrTailSize,
          stdinEndWait: options.stdinEndWait,
        });
        return this.current;
      },
    });
  }

  /** The server process's pid (also its process group id on POSIX) while one is running. */
  get pid(): number | undefined {
    return this.current?.isAlive() ? this.current.pid : undefined;
  }

  /** The last lines the server wrote to stderr (kept after it stops), or undefined. */
  get stderrTail(): string | undefined {
    return this.current?.diagnostics();
  }
}
