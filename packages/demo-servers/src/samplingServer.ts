import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A 2025-11-25 server (official SDK 1.x, stdio) whose `weather_report` runs a sampling loop with tools. */
export const samplingToolsServerScript = require.resolve('@org/mcp-demo-servers/sampling-tools-server');
