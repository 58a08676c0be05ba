// A stdio server of N tools (its argument), each with its own outputSchema, for the outputSchema scenario:
// tools/list answers all of them (one prepared string, so the server is never the bottleneck), and
// tools/call answers structured content that matches the called tool's schema.
import { serveLines } from './serveLines.mjs';

const tools = Array.from({ length: Number(process.argv[2]) }, (_, i) => ({
  name: `tool_${i}`,
  description: `Tool ${i}: a report with structured output.`,
  inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
  outputSchema: {
    type: 'object',
    properties: {
      id: { type: 'integer', minimum: 0 },
      label: { type: 'string', maxLength: 64 },
      score: { type: 'number' },
      tags: { type: 'array', items: { type: 'string' } },
      [`field_${i}`]: { type: 'boolean' },
    },
    required: ['id', 'label', `field_${i}`],
    additionalProperties: false,
  },
}));
const listed = (/** @type {unknown} */ id) =>
  `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${JSON.stringify({ tools })}}\n`;

/** @param {any} message */
function answer(message) {
  const { id, method, params } = message;
  if (id === undefined) return '';
  if (method === 'tools/list') return listed(id);
  /** @type {unknown} */
  let result;
  if (method === 'initialize')
    result = {
      protocolVersion: params?.protocolVersion ?? '2025-06-18',
      capabilities: { tools: {} },
      serverInfo: { name: 'schema-tools-bench-server', version: '1.0.0' },
    };
  else if (method === 'tools/call') {
    const index = Number(String(params?.name).slice('tool_'.length));
    const structuredContent = {
      id: index,
      label: `report ${index}`,
      score: 0.5,
      tags: ['a', 'b'],
      [`field_${index}`]: true,
    };
    result = { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
  } else if (method === 'ping') result = {};
  else
    return `${JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } })}\n`;
  return `${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`;
}

serveLines(answer);
// The client may close while an answer is on its way.
process.stdout.on('error', () => process.exit(0));
