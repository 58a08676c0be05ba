// A dual-era MCP server built on the official @modelcontextprotocol/server 2.x, for the era tests:
// `node officialModernServer.mjs stdio|http`. FIXTURE_LEGACY=reject makes it modern-only (set in the
// environment, not an argument, so that a stdio server's command line stays the same). Its tools
// come in pages of two; one mirrors parameters into Mcp-Param headers, one asks for input
// (input_required), one carries an invalid x-mcp-header declaration that a Streamable HTTP client
// must leave out, one waits to be cancelled and another counts that, `grow` adds a tool, and
// `weather` lists an outputSchema that its answer breaks on request.
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  acceptedContent,
  createMcpHandler,
  fromJsonSchema,
  inputRequired,
  McpServer,
} from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

const mode = process.argv[2] ?? 'stdio';
const PAGE_SIZE = 2;

const object = (properties, required = []) => ({ type: 'object', properties, required });
const text = (value) => ({ content: [{ type: 'text', text: value }] });

const TOOLS = [
  {
    name: 'echo',
    description: 'Echoes the message.',
    inputSchema: object({ message: { type: 'string' } }, ['message']),
    run: ({ message }) => text(message),
  },
  {
    name: 'add',
    description: 'Adds two integers.',
    inputSchema: object({ a: { type: 'integer' }, b: { type: 'integer' } }, ['a', 'b']),
    run: ({ a, b }) => text(String(a + b)),
  },
  {
    name: 'regional_echo',
    description: 'Echoes the region, which travels in the Mcp-Param-Region header too.',
    inputSchema: object(
      {
        region: { type: 'string', 'x-mcp-header': 'Region' },
        dryRun: { type: 'boolean', 'x-mcp-header': 'Dry-Run' },
        message: { type: 'string' },
      },
      ['region'],
    ),
    run: ({ region, dryRun, message }) => text(`${region}${dryRun ? ' (dry run)' : ''}: ${message ?? ''}`),
  },
  {
    name: 'confirm',
    description: 'Asks the client to confirm through an elicitation before answering.',
    inputSchema: object({ action: { type: 'string' } }, ['action']),
    run: ({ action }, ctx) => {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, 'confirm');
      if (answer === undefined)
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({
              message: `Really ${action}?`,
              requestedSchema: object({ confirm: { type: 'boolean' } }, ['confirm']),
            }),
          },
          requestState: `pending:${action}`,
        });
      return text(
        `${action}: ${answer.confirm ? 'confirmed' : 'declined'} (state ${ctx.mcpReq.requestState()})`,
      );
    },
  },
  {
    name: 'bad_header',
    description: 'Declares x-mcp-header on a number, which the specification forbids.',
    inputSchema: object({ ratio: { type: 'number', 'x-mcp-header': 'Ratio' } }),
    run: ({ ratio }) => text(String(ratio)),
  },
];

/** Calls of `wait_for_cancel` started, and those the client cancelled; shared by every instance of this process. */
const cancellation = { started: 0, cancelled: 0 };
TOOLS.push(
  {
    name: 'wait_for_cancel',
    description: 'Never answers: waits until the client cancels the call, and counts that.',
    inputSchema: object({}),
    run: (_args, ctx) => {
      cancellation.started++;
      return new Promise(() => {
        ctx.mcpReq.signal.addEventListener('abort', () => cancellation.cancelled++, { once: true });
      });
    },
  },
  {
    name: 'cancellations',
    description: 'How many wait_for_cancel calls started and how many were cancelled.',
    inputSchema: object({}),
    run: () => text(JSON.stringify(cancellation)),
  },
);

/** FIXTURE_RECORD_HEADER=name (http): each request's value of that header is kept, and `recorded_headers` lists them. */
const recordHeader = process.env.FIXTURE_RECORD_HEADER?.toLowerCase();
const recorded = [];
if (recordHeader)
  TOOLS.push({
    name: 'recorded_headers',
    description: `The value of ${recordHeader} on each HTTP request so far, in order.`,
    inputSchema: object({}),
    run: () => text(JSON.stringify(recorded)),
  });

/** Added by the `grow` tool, which then announces that the tool list changed. */
const GROWN = {
  name: 'grown',
  description: 'Exists once `grow` was called.',
  inputSchema: object({}),
  run: () => text('grown'),
};
TOOLS.push({
  name: 'grow',
  description: 'Adds the `grown` tool and announces a tools/list_changed.',
  inputSchema: object({}),
  run: () => {
    if (!TOOLS.includes(GROWN)) TOOLS.push(GROWN);
    announceToolsChanged();
    return text('grew');
  },
});
/**
 * Declares an outputSchema in its listing; `valid: false` answers with structuredContent that breaks it.
 * The schema is listed, not registered, so that the server passes the broken answer on for the client to catch.
 */
TOOLS.push({
  name: 'weather',
  description:
    'The weather in a city, as structured content that matches its outputSchema unless valid is false.',
  inputSchema: object({ city: { type: 'string' }, valid: { type: 'boolean' } }, ['city']),
  outputSchema: object(
    { city: { type: 'string' }, temperature: { type: 'number' }, unit: { enum: ['C', 'F'] } },
    ['city', 'temperature'],
  ),
  run: ({ city, valid = true }) => ({
    content: [{ type: 'text', text: `${city}: 21 C` }],
    structuredContent: valid ? { city, temperature: 21, unit: 'C' } : { city, temperature: 'warm' },
  }),
});
let announceToolsChanged = () => {};
/** stdio: the instance serving the connection (and a discarded probe instance), to announce changes through. */
const instances = new Set();

function factory() {
  const server = new McpServer(
    { name: 'official-v2-fixture', version: '2.4.0' },
    { capabilities: { tools: { listChanged: true } }, instructions: 'A fixture of the era tests.' },
  );
  const register = (tool) =>
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: fromJsonSchema(tool.inputSchema) },
      tool.run,
    );
  for (const tool of TOOLS) register(tool);
  if (mode === 'stdio') instances.add({ server, register });
  // McpServer lists every tool at once; this fixture pages them so that clients must follow cursors.
  server.server.setRequestHandler('tools/list', (request) => {
    const start = Number(request.params?.cursor ?? 0);
    const tools = TOOLS.slice(start, start + PAGE_SIZE).map(
      ({ name, description, inputSchema, outputSchema }) => ({
        name,
        description,
        inputSchema,
        ...(outputSchema ? { outputSchema } : {}),
      }),
    );
    const next = start + PAGE_SIZE;
    return next < TOOLS.length ? { tools, nextCursor: String(next) } : { tools };
  });
  return server;
}

const options = process.env.FIXTURE_LEGACY === 'reject' ? { legacy: 'reject' } : {};
if (mode === 'stdio') {
  // One instance serves the connection: it learns the new tool and announces the change itself.
  announceToolsChanged = () => {
    for (const { server, register } of instances) {
      if (!server.isConnected()) continue;
      register(GROWN);
      server.sendToolListChanged();
    }
  };
  serveStdio(factory, options);
} else {
  // Every request gets a fresh instance (which lists TOOLS); the change goes out on the listen streams.
  const mcp = createMcpHandler(factory, options);
  announceToolsChanged = () => mcp.notify.toolsChanged();
  const handler = toNodeHandler(mcp);
  createServer((req, res) => {
    if (recordHeader) recorded.push(req.headers[recordHeader] ?? null);
    void handler(req, res);
  }).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
}
