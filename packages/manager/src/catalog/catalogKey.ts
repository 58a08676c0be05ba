import { createHash } from 'node:crypto';
import type { MCPServerConfig } from '@org/mcp-core';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Values as a digest of their sorted pairs: a change shows, the values never leave this function. */
const digestOf = (values: Record<string, string> | undefined) =>
  values && sha256(JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1))));

/**
 * A server's catalog key: a fingerprint of how it is started or reached (transport, command, args, cwd, URL, and a
 * hash of its env and header values), so two servers started alike share an entry and a changed one gets a new one.
 * Never the env or header values themselves.
 */
export function catalogKey(config: MCPServerConfig): string {
  const c = config as Partial<Record<string, unknown>> & MCPServerConfig;
  const how = {
    transport: c.transport ?? ('url' in c ? 'http' : 'stdio'),
    command: c.command,
    args: c.args,
    cwd: c.cwd,
    url: c.url,
    env: digestOf(c.env as Record<string, string> | undefined),
    headers: digestOf(c.headers as Record<string, string> | undefined),
  };
  return sha256(JSON.stringify(how));
}
