// A 2026-07-28 (stateless) server with the io.modelcontextprotocol/tasks extension, over stdio,
// written from the extension's text (specification/2026-07-28/tasks.md in
// modelcontextprotocol/ext-tasks), since no official server implements it yet. With the argument `http`,
// the same server answers POSTs on 127.0.0.1:$PORT with JSON (Streamable HTTP without streams): its tasks
// outlive a client's reconnect; `fail_next_discover` makes one `server/discover` fail (a failed health check). Tasks are created only
// for requests that declare the extension; `tasks/get` carries result, error and input requests
// inline. Nothing waits on a clock: `release` completes the gated jobs, `tasks/cancel` ends `forever`.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';

const VERSION = '2026-07-28';
const EXTENSION = 'io.modelcontextprotocol/tasks';
const CAPS = 'io.modelcontextprotocol/clientCapabilities';
const POLL_MS = 25;

const tasks = new Map();
let failDiscover = false;
const now = () => new Date().toISOString();
const text = (value) => ({ content: [{ type: 'text', text: value }] });
const object = { type: 'object', properties: {} };

class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

const missingExtension = () =>
  new RpcError(-32021, 'Missing required client capability', {
    requiredCapabilities: { extensions: { [EXTENSION]: {} } },
  });
const declares = (params) => Boolean(params?._meta?.[CAPS]?.extensions?.[EXTENSION]);

function createTask(fields = {}) {
  const at = now();
  const task = {
    taskId: randomUUID(),
    status: 'working',
    createdAt: at,
    lastUpdatedAt: at,
    ttlMs: 600_000,
    pollIntervalMs: POLL_MS,
    ...fields,
  };
  tasks.set(task.taskId, task);
  return task;
}

function update(task, fields) {
  Object.assign(task, fields, { lastUpdatedAt: now() });
}

/** The task as tasks/get shows it: inline payload per status. */
function detailed(task) {
  const { internal: _internal, ...shown } = task;
  return { resultType: 'complete', ...shown };
}

const TOOLS = {
  gated_job: () => createTask({ statusMessage: 'waiting for release', internal: 'gated' }),
  forever: () => createTask({ statusMessage: 'running until cancelled' }),
  ask_name: () =>
    createTask({
      status: 'input_required',
      inputRequests: {
        name: {
          method: 'elicitation/create',
          params: {
            mode: 'form',
            message: 'Please enter your name.',
            requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
          },
        },
      },
    }),
  broken: () =>
    createTask({
      status: 'failed',
      statusMessage: 'Tool execution failed',
      error: { code: -32603, message: 'API rate limit exceeded' },
    }),
};

function release() {
  let count = 0;
  for (const task of tasks.values()) {
    if (task.internal !== 'gated' || task.status !== 'working') continue;
    update(task, {
      status: 'completed',
      statusMessage: 'done',
      result: { ...text('done'), structuredContent: { steps: 3 } },
    });
    count++;
  }
  return text(`released ${count}`);
}

function taskOf(params) {
  if (!declares(params)) throw missingExtension();
  const task = tasks.get(params?.taskId);
  if (!task) throw new RpcError(-32602, 'Failed to retrieve task: Task not found');
  return task;
}

const METHODS = {
  'server/discover': () => {
    if (failDiscover) {
      failDiscover = false;
      throw new RpcError(-32603, 'failing this discover, as asked');
    }
    return {
      supportedVersions: [VERSION],
      capabilities: { tools: {}, extensions: { [EXTENSION]: {} } },
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'modern-tasks-fixture', version: '1.0.0' } },
    };
  },
  'tools/list': () => ({
    resultType: 'complete',
    tools: [...Object.keys(TOOLS), 'release', 'quick', 'fail_next_discover'].map((name) => ({
      name,
      inputSchema: object,
    })),
  }),
  'tools/call': (params) => {
    if (params.name === 'release') return { resultType: 'complete', ...release() };
    if (params.name === 'fail_next_discover') {
      failDiscover = true;
      return { resultType: 'complete', ...text('the next server/discover fails') };
    }
    if (params.name === 'quick') return { resultType: 'complete', ...text('at once') };
    const start = TOOLS[params.name];
    if (!start) throw new RpcError(-32602, `Unknown tool: ${params.name}`);
    if (!declares(params)) throw missingExtension();
    return { ...detailed(start()), resultType: 'task' };
  },
  'tasks/get': (params) => detailed(taskOf(params)),
  'tasks/update': (params) => {
    const task = taskOf(params);
    const answer = params.inputResponses?.name;
    if (task.status === 'input_required' && answer?.action === 'accept') {
      const { inputRequests: _asked, ...rest } = task;
      tasks.set(task.taskId, rest);
      update(rest, { status: 'completed', result: text(`Hello, ${answer.content?.name}!`) });
    }
    return { resultType: 'complete' };
  },
  'tasks/cancel': (params) => {
    const task = taskOf(params);
    if (!['completed', 'failed', 'cancelled'].includes(task.status))
      update(task, { status: 'cancelled', statusMessage: 'cancelled by request' });
    return { resultType: 'complete' };
  },
};

/** The answer to one message: a response for a request, undefined for anything else. */
function answer(message) {
  if (message?.id === undefined || typeof message.method !== 'string') return undefined;
  const method = METHODS[message.method];
  if (!method)
    return {
      jsonrpc: '2.0',
      id: message.id,
      error: { code: -32601, message: `Method not found: ${message.method}` },
    };
  try {
    return { jsonrpc: '2.0', id: message.id, result: method(message.params ?? {}) };
  } catch (error) {
    const { code = -32603, message: text = String(error), data } = error;
    return { jsonrpc: '2.0', id: message.id, error: { code, message: text, ...(data ? { data } : {}) } };
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

if (process.argv[2] === 'http') {
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const response = answer(parse(body));
      if (!response) {
        res.writeHead(202).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
} else {
  createInterface({ input: process.stdin }).on('line', (line) => {
    const response = answer(parse(line));
    if (response) process.stdout.write(`${JSON.stringify(response)}\n`);
  });
}
