#!/usr/bin/env node
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runConsole } from './runConsole.js';
import { defaultServers } from './server/defaultServers.js';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('pnpm console [--config mcp_servers.json] [--port N]\n');
  process.exit(0);
}
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`--port must be a port number (0 to 65535), not "${values.port}"\n`);
  process.exit(2);
}

const run = await runConsole(values.config ?? defaultServers(), {
  port,
  pageDir: join(dirname(fileURLToPath(import.meta.url)), 'page'),
});
process.stdout.write(`MCP console: ${run.console.url}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await run.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
