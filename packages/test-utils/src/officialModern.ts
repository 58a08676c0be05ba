import { createRequire } from 'node:module';
import { type RunningHttpServer, startHttpServerProcess } from './everything.js';

const require = createRequire(import.meta.url);

/** The script of the dual-era fixture built on the official @modelcontextprotocol/server 2.x. */
export const officialModernServerScript = require.resolve('@org/test-utils/official-modern-server');

/** What a modern-only run of the fixture needs in its environment (it refuses `initialize`). */
export const MODERN_ONLY_ENV = { FIXTURE_LEGACY: 'reject' } as const;

/** The official 2.x fixture over Streamable HTTP on 127.0.0.1; `modernOnly` refuses the handshake era. */
export async function startOfficialModern(
  options: { modernOnly?: boolean } = {},
): Promise<RunningHttpServer & { url: string }> {
  const server = await startHttpServerProcess(
    officialModernServerScript,
    ['http'],
    options.modernOnly ? MODERN_ONLY_ENV : {},
  );
  return { ...server, url: `${server.origin}/mcp` };
}
