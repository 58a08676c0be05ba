import type { ServerStatus } from '@org/mcp-manager';
import { table } from './table.js';
import { clip, firstLine } from './text.js';

/** getServerStatus() as a table: one row per server. */
export function statusTable(status: Record<string, ServerStatus>): string {
  const rows = Object.entries(status).map(([name, s]) => [
    name,
    s.transport,
    s.state,
    s.protocolVersion ?? '',
    s.era ?? '',
    s.connected ? String(s.toolCount) : '',
    s.connectMs === undefined || !s.connected ? '' : `${s.connectMs} ms`,
    s.lastError ? clip(`${s.lastError.code}: ${firstLine(s.lastError.message)}`, 90) : '',
  ]);
  return table(['server', 'transport', 'state', 'protocol', 'era', 'tools', 'connect', 'last error'], rows);
}
