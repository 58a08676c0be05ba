import { TaskErrorCode } from '../errors/errorCodes.js';
import { MCPError } from '../errors/errors.js';
import type { CallToolOptions } from '../protocol/requestOptions.js';
import type { CallToolResult } from '../types/mcpTypes.js';
import type { TaskCallOptions, ToolTaskStart } from './taskOptions.js';
import type { ToolTask } from './toolTask.js';

/**
 * A tool call in task mode (`{ task: true }`, or the config's `taskTools`): started as a task and followed to
 * its end by `wait`, which has no request timeout (a task may run for hours; the caller's signal stops it).
 * A server or tool that does not run tasks (TASKS_UNSUPPORTED) gets the plain call instead, and a server that
 * answers at once gives its result. An abort while waiting also asks the server to cancel the task, as an
 * aborted plain call tells the server to stop.
 */
export async function runAsTask(
  client: { callToolAsTask(name: string, args: object, options: TaskCallOptions): Promise<ToolTaskStart> },
  call: { name: string; args: object; options: CallToolOptions },
  plain: () => Promise<CallToolResult>,
  wait: (task: ToolTask) => Promise<CallToolResult> = (task) => task.result({ signal: call.options.signal }),
): Promise<CallToolResult> {
  const { signal, timeout, onProgress } = call.options;
  let started: ToolTaskStart;
  try {
    started = await client.callToolAsTask(call.name, call.args, { signal, timeout, onProgress });
  } catch (error) {
    if (error instanceof MCPError && error.code === TaskErrorCode.TASKS_UNSUPPORTED) return plain();
    throw error;
  }
  if (started.kind === 'result') return started.result;
  const task = started.task;
  try {
    return await wait(task);
  } catch (error) {
    if (signal?.aborted) task.cancel().catch(() => undefined);
    throw error;
  }
}
