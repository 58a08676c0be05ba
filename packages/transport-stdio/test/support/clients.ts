import type { StdioServerConfig } from '@org/mcp-core';
import { MCPStdioClient, type MCPStdioClientOptions } from '../../src/index.js';
import { processGroups } from './processGroups.js';

/**
 * The clients a test file makes: every one is disconnected after each test, and every process
 * group a test started is checked to be gone (then SIGKILLed, so a failing test leaks nothing).
 */
export function stdioClients() {
  const groups = processGroups();
  const made: MCPStdioClient[] = [];
  groups.stopAfterEach(() => Promise.all(made.splice(0).map((c) => c.disconnect())));
  const client = (config: StdioServerConfig, options: MCPStdioClientOptions = {}): MCPStdioClient => {
    const one = new MCPStdioClient(config, options);
    made.push(one);
    return one;
  };
  return {
    groups,
    client,
    /** A client connected to its server, and the server's pid (its process group). */
    async connected(config: StdioServerConfig, options: MCPStdioClientOptions = {}) {
      const one = client(config, options);
      await one.connect();
      return { client: one, pid: groups.add(one.pid) };
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: { content: unknown[] }): string {
  return (result.content[0] as { text: string }).text;
}
