// Contender B: the official @modelcontextprotocol/sdk client, used the way its README shows.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { MAX_MESSAGE_BYTES } from './contender.mjs';
import { handWrittenNamespace, qualifyByHand } from './handWrittenTools.mjs';

/**
 * @param {import('./contender.mjs').Target} target
 * @param {boolean} listTools
 * @returns {Promise<import('./contender.mjs').Connection>}
 */
async function connectSdk(target, listTools) {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  const transport =
    target.transport === 'stdio'
      ? new StdioClientTransport({
          command: target.command,
          args: target.args,
          stderr: 'inherit',
          maxBufferSize: MAX_MESSAGE_BYTES,
        })
      : target.transport === 'http'
        ? new StreamableHTTPClientTransport(new URL(target.url))
        : new SSEClientTransport(new URL(target.url));
  await client.connect(transport);
  if (listTools) await client.listTools();
  return {
    callTool: (name, args) => client.callTool({ name, arguments: args }),
    listTools: async () => (await client.listTools()).tools,
    close: () => client.close(),
  };
}

/** @type {import('./contender.mjs').Contender} */
export const sdk = {
  id: 'sdk',
  label: 'official SDK 1.32',
  connect: (target) => connectSdk(target, true),
  async connectMany(targets) {
    const connections = await Promise.all(targets.map((target) => connectSdk(target, false)));
    return { close: async () => void (await Promise.all(connections.map((c) => c.close()))) };
  },
  // The SDK has no namespace across servers: its users write the bare loop's by hand, so these figures are that code's.
  toolNamespace: handWrittenNamespace,
  loadQualify: async () => qualifyByHand,
};
