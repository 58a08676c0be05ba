import {
  LOGGING_LEVELS,
  type Logger,
  type LoggingLevel,
  ManagerErrorCode,
  type MCPClient,
  MCPError,
} from '@org/mcp-core';
import type { ServerLog } from '../managerEvents.js';
import { capabilityError } from './capabilityError.js';

/** The logger method each MCP level goes to (the Logger type has no `fatal`: the most severe go to `error`). */
const LOGGER_LEVEL: Record<LoggingLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  debug: 'debug',
  info: 'info',
  notice: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  alert: 'error',
  emergency: 'error',
};

/** A log message's data is cut to this many characters of JSON before it is logged or reported. */
export const MAX_LOG_DATA = 16_384;
const MAX_LOGGER_NAME = 256;

export function isLoggingLevel(level: unknown): level is LoggingLevel {
  return typeof level === 'string' && (LOGGING_LEVELS as readonly string[]).includes(level);
}

/**
 * Servers' own logs (`notifications/message`): each goes to its server's child logger at the mapped level and is
 * reported as a `serverLog` event, bounded first. The level asked of each server with `logging/setLevel` is kept
 * and asked again of every new connection.
 */
export class ServerLogs {
  private readonly levels = new Map<string, LoggingLevel>();
  private readonly loggers = new Map<string, Logger>();

  constructor(
    private readonly logger: Logger,
    private readonly defaultLevel: LoggingLevel | undefined,
    private readonly emit: (log: ServerLog) => void,
  ) {}

  received(server: string, params: Record<string, unknown> | undefined): void {
    const raw = params?.level;
    const level: LoggingLevel = isLoggingLevel(raw) ? raw : 'info';
    const name = typeof params?.logger === 'string' ? params.logger.slice(0, MAX_LOGGER_NAME) : undefined;
    const data = bounded(params?.data);
    const log: ServerLog = { server, level, ...(name !== undefined && { logger: name }), data };
    const message = typeof data === 'string' ? data : 'server log';
    this.loggerOf(server)[LOGGER_LEVEL[level]]({ mcpLevel: level, mcpLogger: name, data }, message);
    this.emit(log);
  }

  /** Asks `client` (if connected) for `level` and keeps it for the server's next connections. */
  async set(server: string, client: MCPClient | undefined, level: unknown): Promise<void> {
    if (!isLoggingLevel(level)) {
      throw new MCPError(
        ManagerErrorCode.INVALID_LOG_LEVEL,
        `${JSON.stringify(String(level)).slice(0, 40)} is not a log level; use one of ${LOGGING_LEVELS.join(', ')}.`,
        { serverName: server },
      );
    }
    if (client) {
      assertLogging(server, client);
      await client.request('logging/setLevel', { level });
    }
    this.levels.set(server, level);
  }

  /** A new connection: the level kept for the server (or the manager's default) is asked again. */
  apply(server: string, client: MCPClient): void {
    const level = this.levels.get(server) ?? this.defaultLevel;
    if (!level || !offersLogging(client)) return;
    client.request('logging/setLevel', { level }).catch((error: unknown) => {
      this.logger.warn({ server, err: error }, 'could not set the log level after connecting');
    });
  }

  forget(server: string): void {
    this.levels.delete(server);
    this.loggers.delete(server);
  }

  private loggerOf(server: string): Logger {
    let logger = this.loggers.get(server);
    if (!logger) {
      logger = this.logger.child({ server, source: 'server' });
      this.loggers.set(server, logger);
    }
    return logger;
  }
}

function offersLogging(client: MCPClient): boolean {
  return client.era !== 'modern' && client.serverCapabilities?.logging !== undefined;
}

function assertLogging(server: string, client: MCPClient): void {
  if (offersLogging(client)) return;
  throw capabilityError(server, client, {
    missing: 'the logging capability',
    modern: 'where the log level travels with each request',
    cannot: 'its log level cannot be set',
  });
}

/** The data as sent when its JSON is short enough; else the start of its JSON, marked as cut. */
function bounded(data: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch {
    return '[unserialisable]';
  }
  if (json === undefined || json.length <= MAX_LOG_DATA) return data;
  return `${json.slice(0, MAX_LOG_DATA)}… (${json.length} characters, cut)`;
}
