import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The 2025-11-25 tasks fixture built on the official @modelcontextprotocol/sdk 1.x (stdio). */
export const officialTaskServerScript = require.resolve('@org/mcp-demo-servers/official-task-server');

/** The 2026-07-28 fixture of the io.modelcontextprotocol/tasks extension, written from its text (stdio). */
export const modernTaskServerScript = require.resolve('@org/mcp-demo-servers/modern-task-server');
