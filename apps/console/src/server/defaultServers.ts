import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAppBin, everythingBin, filesystemBin, pdfAppBin } from '@org/mcp-demo-servers';
import type { MCPServersConfig } from '@org/mcp-manager';

/**
 * The fleet `pnpm console` runs without `--config`: the demo's local servers (server-everything, server-filesystem
 * on a temp folder), two official MCP App examples, and one that cannot start, on purpose. All installed, over stdio.
 */
export function defaultServers(): MCPServersConfig {
  const folder = mkdtempSync(join(tmpdir(), 'mcp-console-'));
  writeFileSync(join(folder, 'hello.txt'), 'Hello from the MCP console.\n');
  const node = process.execPath;
  return {
    mcpServers: {
      everything: { command: node, args: [everythingBin(), 'stdio'] },
      filesystem: { command: node, args: [filesystemBin(), folder] },
      'basic-app': { command: node, args: [basicAppBin(), '--stdio'] },
      'pdf-app': { command: node, args: [pdfAppBin(), '--stdio'] },
      broken: { command: 'mcp-server-that-does-not-exist', args: ['--on-purpose'] },
    },
  };
}
