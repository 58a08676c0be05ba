// A lean stdio server with TOOL_COUNT tools (or its first argument; default 20; the first is `echo`): the fleets' servers.
// The argument serves clients that pass a server no environment of their own (the SDK pool).
import { leanAnswer } from './leanAnswer.mjs';
import { serveLines } from './serveLines.mjs';

const count = Number(process.env.TOOL_COUNT ?? process.argv[2] ?? 20);
const schema = { type: 'object', properties: { text: { type: 'string' } } };
const tools = Array.from({ length: count }, (_, i) => ({
  name: i === 0 ? 'echo' : `tool_${i}`,
  description: i === 0 ? 'Returns its text argument.' : `Fleet tool ${i}.`,
  inputSchema: schema,
}));

serveLines((message) => {
  if (message?.method === 'tools/list' && message.id !== undefined)
    return `${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools } })}\n`;
  const answer = leanAnswer(message);
  return answer ? `${JSON.stringify(answer)}\n` : '';
});
