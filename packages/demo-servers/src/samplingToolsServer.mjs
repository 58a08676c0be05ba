// A 2025-11-25 server on the official @modelcontextprotocol/sdk 1.x (stdio) whose tool `weather_report`
// runs a sampling tool loop: it asks the client's model with a `get_weather` tool (toolChoice auto),
// runs each tool_use the model answers, asks again with the tool results (toolChoice none), and returns
// the model's final text with the number of rounds. The SDK refuses to send tools to a client that did
// not declare `sampling.tools`; the tool says so in its result.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'sampling-tools-fixture', version: '1.0.0' });
const WEATHER = { Paris: '18°C, partly cloudy', London: '15°C, rainy' };
const tools = [
  {
    name: 'get_weather',
    description: 'Current weather of a city',
    inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];
const blocks = (content) => (Array.isArray(content) ? content : [content]);

server.registerTool(
  'weather_report',
  {
    description: 'Asks the client model about the weather, with a tool.',
    inputSchema: { question: z.string() },
  },
  async ({ question }) => {
    const messages = [{ role: 'user', content: { type: 'text', text: question } }];
    let rounds = 0;
    try {
      for (;;) {
        rounds++;
        const last = rounds > 3;
        const answer = await server.server.createMessage({
          messages,
          maxTokens: 500,
          tools,
          toolChoice: { mode: last ? 'none' : 'auto' },
        });
        const uses = blocks(answer.content).filter((b) => b.type === 'tool_use');
        if (answer.stopReason !== 'toolUse' || uses.length === 0) {
          const text = blocks(answer.content).find((b) => b.type === 'text')?.text ?? '';
          return { content: [{ type: 'text', text: `${text} (rounds: ${rounds}, model: ${answer.model})` }] };
        }
        messages.push({ role: 'assistant', content: answer.content });
        messages.push({
          role: 'user',
          content: uses.map((use) => ({
            type: 'tool_result',
            toolUseId: use.id,
            content: [{ type: 'text', text: WEATHER[use.input.city] ?? 'unknown city' }],
          })),
        });
      }
    } catch (error) {
      return { isError: true, content: [{ type: 'text', text: `sampling failed: ${error.message}` }] };
    }
  },
);

await server.connect(new StdioServerTransport());
