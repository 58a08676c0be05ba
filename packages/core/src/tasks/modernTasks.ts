import { META } from '../era/modernEra.js';
import { CoreErrorCode, TaskErrorCode } from '../errors/errorCodes.js';
import { MCPError, MCPProtocolError } from '../errors/errors.js';
import { answerInputRequests } from '../protocol/inputRounds.js';
import type { RequestOptions } from '../protocol/requestOptions.js';
import type { ResultCheck } from '../results/resultShapes.js';
import type { CallToolResult } from '../types/mcpTypes.js';
import { sleep } from '../util/sleep.js';
import { type Started, TASKS_EXTENSION, type TaskContext } from './taskContext.js';
import { MAX_STATUS_MESSAGE, readTaskInfo, type TaskInfo } from './taskInfo.js';
import { declares, tasksUnsupported } from './taskSupport.js';

/** Polling bounds: a server's `pollIntervalMs` is honoured within them; absent, the default. */
export const TASK_POLL = { minMs: 25, defaultMs: 1000, maxMs: 30_000 } as const;

/** A task's `inputRequests` answered at most this many times before the wait gives up. */
export const MAX_TASK_INPUT_ROUNDS = 100;

/**
 * The 2026-07-28 `io.modelcontextprotocol/tasks` extension: declared per request in the client's
 * capabilities, the server decides per call whether to answer with a task (`resultType: "task"`);
 * `tasks/get` carries the result, error or input requests inline, and is polled. No `tasks/list`,
 * no progress notifications for tasks (the extension says so).
 */
export const modernTasks = {
  check(context: TaskContext): void {
    if (!declares(context.serverCapabilities, ['extensions', TASKS_EXTENSION]))
      throw tasksUnsupported(context.serverName, `does not declare the ${TASKS_EXTENSION} extension`);
  },

  /** The call's params: this request alone declares the extension, so only it may be answered with a task. */
  callParams(context: TaskContext, args: { name: string; arguments: object }) {
    return declaring(context, { name: args.name, arguments: args.arguments });
  },

  started(result: Record<string, unknown>, serverName: string, check: ResultCheck<CallToolResult>): Started {
    if (result.resultType === 'task') return { task: readTaskInfo(result, 'tools/call', serverName) };
    return { result: check(result, serverName) };
  },

  async get(context: TaskContext, taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return readTaskInfo(await detailed(context, taskId, options), 'tasks/get', context.serverName);
  },

  /** Polls `tasks/get` at the server's interval until the task ends, answering its input requests on the way. */
  async wait(
    context: TaskContext,
    taskId: string,
    check: ResultCheck<CallToolResult>,
    signal: AbortSignal,
    onStatus: (task: TaskInfo) => void,
  ): Promise<CallToolResult> {
    const answered = new Set<string>();
    for (let rounds = 0; ; ) {
      const raw = await detailed(context, taskId, { signal });
      const task = readTaskInfo(raw, 'tasks/get', context.serverName);
      onStatus(task);
      if (task.status === 'completed') {
        if (typeof raw.result !== 'object' || raw.result === null)
          throw invalidTask(context, taskId, 'a completed task without a result object');
        return check(raw.result as Record<string, unknown>, context.serverName);
      }
      if (task.status === 'failed') throw failed(context, taskId, raw.error);
      if (task.status === 'cancelled')
        throw new MCPError(
          TaskErrorCode.TASK_CANCELLED,
          `Task "${taskId}" on server "${context.serverName}" was cancelled${task.statusMessage ? `: ${task.statusMessage}` : ''}.`,
          { serverName: context.serverName },
        );
      if (
        task.status === 'input_required' &&
        (await answer(context, taskId, raw.inputRequests, answered, signal))
      )
        if (++rounds > MAX_TASK_INPUT_ROUNDS)
          throw new MCPProtocolError(
            CoreErrorCode.INPUT_ROUNDS_EXCEEDED,
            `Server "${context.serverName}" still asked for input after ${MAX_TASK_INPUT_ROUNDS} rounds of task "${taskId}"; gave up.`,
            { serverName: context.serverName },
          );
      const interval = task.pollIntervalMs ?? TASK_POLL.defaultMs;
      await sleep(Math.min(Math.max(interval, TASK_POLL.minMs), TASK_POLL.maxMs), signal);
    }
  },

  /** `tasks/cancel` is only acknowledged: the task may still end otherwise. */
  async cancel(context: TaskContext, taskId: string, options?: RequestOptions): Promise<undefined> {
    await context.request('tasks/cancel', declaring(context, { taskId }), options);
    return undefined;
  },
};

function detailed(context: TaskContext, taskId: string, options?: RequestOptions) {
  return context.request<Record<string, unknown>>('tasks/get', declaring(context, { taskId }), options);
}

/** Params whose `_meta` declares the extension in this request's client capabilities, as each task request must. */
function declaring(context: TaskContext, params: Record<string, unknown>): Record<string, unknown> {
  const capabilities = context.clientCapabilities;
  const extensions = { ...(capabilities.extensions as object | undefined), [TASKS_EXTENSION]: {} };
  return { ...params, _meta: { [META.clientCapabilities]: { ...capabilities, extensions } } };
}

/** Input requests not answered yet (keys are unique over a task's life) go to the handlers, then `tasks/update`. */
async function answer(
  context: TaskContext,
  taskId: string,
  requests: unknown,
  answered: Set<string>,
  signal: AbortSignal,
): Promise<boolean> {
  if (typeof requests !== 'object' || requests === null) return false;
  const fresh = Object.fromEntries(Object.entries(requests).filter(([key]) => !answered.has(key)));
  if (Object.keys(fresh).length === 0) return false;
  const inputResponses = await answerInputRequests('tools/call', fresh, {
    handlers: context.handlers,
    serverName: context.serverName,
    server: `Server "${context.serverName}"`,
    signal,
  });
  await context.request(
    'tasks/update',
    declaring(context, { taskId, inputResponses: inputResponses ?? {} }),
    {
      signal,
    },
  );
  for (const key of Object.keys(fresh)) answered.add(key);
  return true;
}

/** A failed task carries the JSON-RPC error its call met: raised as that error. */
function failed(context: TaskContext, taskId: string, error: unknown): MCPProtocolError {
  const e = error as { code?: unknown; message?: unknown; data?: unknown } | undefined;
  if (typeof e?.code !== 'number' || typeof e.message !== 'string')
    return invalidTask(context, taskId, 'a failed task without a JSON-RPC error');
  return new MCPProtocolError(e.code, e.message.slice(0, MAX_STATUS_MESSAGE), {
    serverName: context.serverName,
    data: e.data,
    method: 'tools/call',
  });
}

function invalidTask(context: TaskContext, taskId: string, what: string): MCPProtocolError {
  return new MCPProtocolError(
    CoreErrorCode.INVALID_RESULT,
    `Server "${context.serverName}" answered tasks/get for task "${taskId}" with ${what}.`,
    { serverName: context.serverName, method: 'tasks/get' },
  );
}
