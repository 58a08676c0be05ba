// A 2025-11-25 server with tasks, built on the official @modelcontextprotocol/sdk 1.x and its
// experimental tasks support (McpServer.experimental.tasks, InMemoryTaskStore), over stdio.
// `gated_job` runs as a task that waits for `release`, then reports three steps of progress and
// completes; `forever` runs until cancelled; `plain` cannot run as a task. Nothing here waits on a
// clock: a test decides when a task moves on.
import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const STEPS = 3;
const taskStore = new InMemoryTaskStore();
const server = new McpServer(
  { name: 'official-v1-tasks-fixture', version: '1.32.2' },
  {
    capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
    taskStore,
  },
);

/** Jobs waiting for `release`. */
const gates = new Set();
const text = (value) => ({ content: [{ type: 'text', text: value }] });
const readTask = { getTask: (extra) => extra.taskStore.getTask(extra.taskId) };

server.experimental.tasks.registerToolTask(
  'gated_job',
  {
    description: 'A task that waits for `release`, then reports three steps and completes.',
    execution: { taskSupport: 'required' },
  },
  {
    createTask: async (extra) => {
      const task = await extra.taskStore.createTask({ ttl: 600_000, pollInterval: 50 });
      const token = extra._meta?.progressToken;
      gates.add(async () => {
        for (let step = 1; step <= STEPS; step++) {
          if (token !== undefined)
            await extra.sendNotification({
              method: 'notifications/progress',
              params: { progressToken: token, progress: step, total: STEPS, message: `step ${step}` },
            });
        }
        await extra.taskStore.storeTaskResult(task.taskId, 'completed', {
          ...text(`done after ${STEPS} steps`),
          structuredContent: { steps: STEPS },
        });
      });
      return { task };
    },
    ...readTask,
    getTaskResult: (extra) => extra.taskStore.getTaskResult(extra.taskId),
  },
);

server.experimental.tasks.registerToolTask(
  'forever',
  { description: 'A task that runs until it is cancelled.', execution: { taskSupport: 'optional' } },
  {
    createTask: async (extra) => ({
      task: await extra.taskStore.createTask({ ttl: 600_000, pollInterval: 50 }),
    }),
    ...readTask,
    getTaskResult: (extra) => extra.taskStore.getTaskResult(extra.taskId),
  },
);

server.registerTool('release', { description: 'Lets every waiting gated_job go on.' }, async () => {
  const waiting = [...gates];
  gates.clear();
  await Promise.all(waiting.map((run) => run()));
  return text(`released ${waiting.length}`);
});

server.registerTool('plain', { description: 'An ordinary tool: never a task.' }, async () => text('plain'));

await server.connect(new StdioServerTransport());
