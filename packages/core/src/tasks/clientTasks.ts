import type { ProtocolEra } from '../era/protocolVersion.js';
import { TaskErrorCode } from '../errors/errorCodes.js';
import { MCPAbortError, MCPConnectionError, MCPTimeoutError } from '../errors/errors.js';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import type { RequestOptions } from '../protocol/requestOptions.js';
import type { ResultCheck } from '../results/resultShapes.js';
import type { CallToolResult, Tool } from '../types/mcpTypes.js';
import type { Logger } from '../util/logger.js';
import { handshakeTasks } from './handshakeTasks.js';
import { modernTasks } from './modernTasks.js';
import type { Started, TaskContext } from './taskContext.js';
import type { TaskInfo } from './taskInfo.js';
import { TaskNotifications } from './taskNotifications.js';
import type { TaskCallOptions, TaskOwner, TaskWaitOptions, ToolTaskStart } from './taskOptions.js';
import { tasksUnsupported } from './taskSupport.js';
import { ToolTask } from './toolTask.js';

/** What ClientTasks asks of its client beyond the TaskContext. */
export interface TaskClient {
  readonly logger: Logger;
  /** The context of the live connection; throws NOT_CONNECTED without one. */
  context(method: string): TaskContext;
  era(): ProtocolEra | undefined;
  /** A listed tool (listing first if need be), for its execution.taskSupport. */
  findTool(name: string, options: RequestOptions): Promise<Tool | undefined>;
  resultCheckFor(name: string | undefined): ResultCheck<CallToolResult>;
}

/**
 * One client's tasks in both eras: start a tool call as a task, get its status, wait for its
 * result (progress and status on the way), cancel and list. A wait in progress fails with
 * TASK_INTERRUPTED, naming the server, as soon as its connection goes (disconnect, loss, restart).
 */
export class ClientTasks implements TaskOwner {
  private readonly notifications: TaskNotifications;
  /** Each wait in progress and the task it waits for. */
  private readonly waits = new Map<AbortController, string>();

  constructor(
    private readonly client: TaskClient,
    private readonly serverName: string,
  ) {
    this.notifications = new TaskNotifications(client.logger, serverName);
  }

  /** Every notification of the client passes here. */
  receive(notification: JSONRPCNotification): void {
    this.notifications.receive(notification);
  }

  /** The connection is going: every wait fails, nothing more can arrive for these tasks. */
  interrupt(reason: string): void {
    for (const [wait, taskId] of this.waits) {
      wait.abort(
        new MCPConnectionError(
          TaskErrorCode.TASK_INTERRUPTED,
          `Waiting for task "${taskId}" on server "${this.serverName}" was interrupted: ${reason}. The task may be gone with the connection; once connected again, getTask() tells.`,
          { serverName: this.serverName },
        ),
      );
    }
    this.waits.clear();
    this.notifications.clear();
  }

  async callToolAsTask(name: string, args: object, options: TaskCallOptions = {}): Promise<ToolTaskStart> {
    const { ttlMs, onProgress, ...request } = options;
    const modern = this.client.era() === 'modern';
    const context = this.client.context('tools/call');
    if (modern) modernTasks.check(context);
    else {
      handshakeTasks.check(context);
      handshakeTasks.checkTool(context, await this.client.findTool(name, request));
    }
    const token = modern ? undefined : this.notifications.follow(onProgress);
    const era = modern ? modernTasks : handshakeTasks;
    const params = modern
      ? modernTasks.callParams(context, { name, arguments: args })
      : handshakeTasks.callParams({ name, arguments: args, token: token as string, ttlMs });
    const check = this.client.resultCheckFor(name);
    try {
      const started = await context.request<Started>(
        'tools/call',
        params,
        request,
        (result, server) => era.started(result, server ?? this.serverName, check),
        modern,
      );
      if (!started.task) {
        if (token !== undefined) this.notifications.forget(token);
        return { kind: 'result', result: started.result };
      }
      const created = started.task;
      if (token !== undefined) this.notifications.created(token, created.taskId);
      const task = new ToolTask({ serverName: this.serverName, toolName: name, created, owner: () => this });
      return { kind: 'task', task };
    } catch (error) {
      if (token !== undefined) this.notifications.forget(token);
      throw error;
    }
  }

  getTask(taskId: string, options?: RequestOptions): Promise<TaskInfo> {
    return this.era().get(this.client.context('tasks/get'), taskId, options);
  }

  async getTaskResult(taskId: string, options: TaskWaitOptions = {}): Promise<CallToolResult> {
    const method = this.client.era() === 'modern' ? 'tasks/get' : 'tasks/result';
    const context = this.client.context(method);
    const wait = new AbortController();
    const { signal, timeout, onStatus, onProgress } = options;
    const onAbort = () => wait.abort(new MCPAbortError(method, { serverName: this.serverName }));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const timer =
      timeout !== undefined && Number.isFinite(timeout)
        ? setTimeout(
            () => wait.abort(new MCPTimeoutError(method, timeout, { serverName: this.serverName })),
            timeout,
          )
        : undefined;
    this.waits.set(wait, taskId);
    const unlisten = this.notifications.listen(taskId, onProgress, onStatus);
    const check = this.client.resultCheckFor(options.tool);
    let last = '';
    const onPoll = (task: TaskInfo) => {
      const seen = `${task.status} ${task.lastUpdatedAt} ${task.statusMessage}`;
      if (seen !== last) onStatus?.(task);
      last = seen;
    };
    try {
      const result =
        this.client.era() === 'modern'
          ? await modernTasks.wait(context, taskId, check, wait.signal, onPoll)
          : await handshakeTasks.wait(context, taskId, check, wait.signal);
      // The task has ended: nothing more is followed for it.
      this.notifications.finished(taskId);
      return result;
    } catch (error) {
      // The wait's own reason (interrupted, timed out, aborted) says more than what the request failed with.
      if (wait.signal.aborted) throw wait.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.waits.delete(wait);
      unlisten();
    }
  }

  cancelTask(taskId: string, options?: RequestOptions): Promise<TaskInfo | undefined> {
    return this.era().cancel(this.client.context('tasks/cancel'), taskId, options);
  }

  listTasks(options?: RequestOptions): Promise<TaskInfo[]> {
    const context = this.client.context('tasks/list');
    if (this.client.era() === 'modern')
      return Promise.reject(
        tasksUnsupported(this.serverName, 'speaks 2026-07-28, whose tasks extension has no tasks/list'),
      );
    return handshakeTasks.list(context, options);
  }

  private era(): typeof handshakeTasks | typeof modernTasks {
    return this.client.era() === 'modern' ? modernTasks : handshakeTasks;
  }
}
