import { createRequire } from 'node:module';
import { type RunningHttpServer, startHttpServerProcess } from './everything.js';

const require = createRequire(import.meta.url);

/** The script of the dual-era fixture built on the official @modelcontextprotocol/server 2.x. */
export const officialModernServerScript = require.resolve('@org/mcp-demo-servers/official-modern-server');

/** Every tool the fixture lists, in its order (two to a page), before `grow` adds one. */
export const OFFICIAL_MODERN_TOOLS = [
  'echo',
  'add',
  'regional_echo',
  'confirm',
  'bad_header',
  'wait_for_cancel',
  'cancellations',
  'grow',
  'weather',
] as const;

/** The fixture's tool with an outputSchema: `{ city, valid: false }` answers with structuredContent that breaks it. */
export const OUTPUT_SCHEMA_TOOL = 'weather';

/** The fixture's tool with an invalid x-mcp-header declaration: a Streamable HTTP client leaves it out in the modern era. */
export const INVALID_HEADER_TOOL = 'bad_header';

/** What a modern-only run of the fixture needs in its environment (it refuses `initialize`). */
export const MODERN_ONLY_ENV = { FIXTURE_LEGACY: 'reject' } as const;

/**
 * The official 2.x fixture over Streamable HTTP on 127.0.0.1; `modernOnly` refuses the handshake era;
 * `recordHeader` keeps that header of every request, which its `recorded_headers` tool lists.
 */
export async function startOfficialModern(
  options: { modernOnly?: boolean; recordHeader?: string } = {},
): Promise<RunningHttpServer & { url: string }> {
  const server = await startHttpServerProcess(officialModernServerScript, ['http'], {
    ...(options.modernOnly && MODERN_ONLY_ENV),
    ...(options.recordHeader && { FIXTURE_RECORD_HEADER: options.recordHeader }),
  });
  return { ...server, url: `${server.origin}/mcp` };
}
