import { basename } from 'node:path';
import type { StdioServerConfig } from '@org/mcp-core';

/** What errors and logs call a server's command and cwd. */
export interface ShownConfig {
  command: string;
  cwd: string | undefined;
}

/**
 * The command and cwd as the user wrote them (before `${VAR}` expansion, which may have put a
 * secret in them) when the config says so; otherwise the values themselves, which then are literal.
 */
export function shownConfig(config: Pick<StdioServerConfig, 'command' | 'cwd' | 'asWritten'>): ShownConfig {
  return { command: config.asWritten?.command ?? config.command, cwd: config.asWritten?.cwd ?? config.cwd };
}

/** A server's name when none is given: its command's basename, as written. */
export function defaultServerName(config: Pick<StdioServerConfig, 'command' | 'cwd' | 'asWritten'>): string {
  return basename(shownConfig(config).command);
}
