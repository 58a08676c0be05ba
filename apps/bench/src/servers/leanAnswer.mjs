// The whole MCP surface of the lean fixture servers: as little work per message as JSON-RPC allows,
// so that the client, not the server, is what the bench measures.

const HANDSHAKE_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

const TOOLS = [
  {
    name: 'echo',
    description: 'Returns its text argument.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
];

/**
 * The response to one JSON-RPC message, or undefined for a notification.
 * @param {any} message
 * @returns {object | undefined}
 */
export function leanAnswer(message) {
  const id = message?.id;
  if (id === undefined || id === null || typeof message.method !== 'string') return undefined;
  switch (message.method) {
    case 'tools/call':
      return {
        jsonrpc: '2.0',
        id,
        result: { content: [{ type: 'text', text: String(message.params?.arguments?.text ?? '') }] },
      };
    case 'initialize': {
      const asked = message.params?.protocolVersion;
      return {
        jsonrpc: '2.0',
        id,
        result: {
          protocolVersion: HANDSHAKE_VERSIONS.includes(asked) ? asked : '2025-06-18',
          capabilities: { tools: {} },
          serverInfo: { name: 'lean-bench-server', version: '1.0.0' },
        },
      };
    }
    case 'tools/list':
      return { jsonrpc: '2.0', id, result: { tools: TOOLS } };
    case 'ping':
      return { jsonrpc: '2.0', id, result: {} };
    default:
      return { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${message.method}` } };
  }
}

/**
 * Answers a parsed body: one message or a batch; undefined when nothing needs an answer.
 * @param {unknown} body
 * @returns {object | object[] | undefined}
 */
export function leanAnswerBody(body) {
  if (!Array.isArray(body)) return leanAnswer(body);
  const answers = /** @type {object[]} */ (body.map(leanAnswer).filter((a) => a !== undefined));
  return answers.length > 0 ? answers : undefined;
}
