import type { MCPConnectionManager } from '@org/mcp-manager';

/** One line of a server's recent history: its own log, an error, or a change of state. */
export interface LogEntry {
  at: string;
  server: string;
  kind: 'log' | 'error' | 'state';
  level: string;
  text: string;
}

/** Entries kept per server; the oldest go first. */
export const MAX_ENTRIES = 200;
/** The longest text kept of one entry. */
const MAX_TEXT = 2000;

/**
 * Each server's recent logs, errors and state changes, from the manager's events (never from config values: the
 * manager's errors and events hold no secrets). Bounded per server.
 */
export class RecentLogs {
  private readonly servers = new Map<string, LogEntry[]>();

  constructor(manager: MCPConnectionManager, added: (entry: LogEntry) => void) {
    const add = (server: string, kind: LogEntry['kind'], level: string, text: string) => {
      const entry = { at: new Date().toISOString(), server, kind, level, text: text.slice(0, MAX_TEXT) };
      const kept = this.servers.get(server) ?? [];
      kept.push(entry);
      if (kept.length > MAX_ENTRIES) kept.shift();
      this.servers.set(server, kept);
      added(entry);
    };
    manager.on('serverLog', ({ server, level, logger, data }) =>
      add(
        server,
        'log',
        level,
        `${logger ? `[${logger}] ` : ''}${typeof data === 'string' ? data : JSON.stringify(data)}`,
      ),
    );
    manager.on('serverError', ({ server, error }) =>
      add(server, 'error', 'error', `${error.code}: ${error.message}`),
    );
    manager.on('serverStateChanged', ({ server, previous, state, error }) =>
      add(server, 'state', 'info', `${previous} → ${state}${error ? ` (${error.code})` : ''}`),
    );
    manager.on('circuitStateChanged', ({ server, previous, state }) =>
      add(server, 'state', 'warning', `breaker ${previous} → ${state}`),
    );
  }

  of(server: string): LogEntry[] {
    return [...(this.servers.get(server) ?? [])];
  }
}
