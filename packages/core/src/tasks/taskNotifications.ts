import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import type { Progress } from '../types/mcpTypes.js';
import type { Logger } from '../util/logger.js';
import { isTerminal, readTaskInfo, type TaskInfo } from './taskInfo.js';

/** Tasks whose notifications are followed at once; past this the oldest is forgotten (a task nobody waits for). */
export const MAX_FOLLOWED_TASKS = 1000;

interface Followed {
  taskId: string | undefined;
  progress: Set<(progress: Progress) => void>;
  status: Set<(task: TaskInfo) => void>;
}

/**
 * Routes a server's task notifications to whoever follows the task: `notifications/progress` by
 * the progress token of the task's `tools/call` (valid for the task's whole life, 2025-11-25), and
 * `notifications/tasks/status` (2025-11-25) or `notifications/tasks` (2026-07-28) by task id.
 * A task is forgotten once a terminal status is seen, or when the connection goes.
 */
export class TaskNotifications {
  private readonly byToken = new Map<string, Followed>();
  private readonly tokenOf = new Map<string, string>();
  private nextToken = 1;

  constructor(
    private readonly logger: Logger,
    private readonly serverName: string,
  ) {}

  /** A fresh progress token for a task-augmented call, followed from before the call is sent. */
  follow(onProgress?: (progress: Progress) => void): string {
    const token = `task-progress-${this.nextToken++}`;
    const followed: Followed = { taskId: undefined, progress: new Set(), status: new Set() };
    if (onProgress) followed.progress.add(onProgress);
    this.add(token, followed);
    return token;
  }

  /** The call created its task: status notifications for it reach the same listeners. */
  created(token: string, taskId: string): void {
    const followed = this.byToken.get(token);
    if (!followed) return;
    followed.taskId = taskId;
    this.tokenOf.set(taskId, token);
  }

  /** The call did not create a task (an error, a direct result): nothing to follow. */
  forget(token: string): void {
    const followed = this.byToken.get(token);
    if (followed?.taskId !== undefined) this.tokenOf.delete(followed.taskId);
    this.byToken.delete(token);
  }

  /** The task ended (its result came, or it was cancelled): nothing more is followed for it. */
  finished(taskId: string): void {
    const token = this.tokenOf.get(taskId);
    if (token !== undefined) this.forget(token);
  }

  /** Adds listeners for a task while someone waits for it; returns what removes them. */
  listen(taskId: string, onProgress?: (p: Progress) => void, onStatus?: (t: TaskInfo) => void): () => void {
    let token = this.tokenOf.get(taskId);
    if (token === undefined) {
      token = `task-id ${taskId}`;
      this.add(token, { taskId, progress: new Set(), status: new Set() });
      this.tokenOf.set(taskId, token);
    }
    const followed = this.byToken.get(token) as Followed;
    if (onProgress) followed.progress.add(onProgress);
    if (onStatus) followed.status.add(onStatus);
    return () => {
      if (onProgress) followed.progress.delete(onProgress);
      if (onStatus) followed.status.delete(onStatus);
    };
  }

  /** Every notification the server sends passes here; task ones reach their listeners. */
  receive(notification: JSONRPCNotification): void {
    const { method, params } = notification;
    if (!params) return;
    if (method === 'notifications/progress') {
      const followed =
        typeof params.progressToken === 'string' ? this.byToken.get(params.progressToken) : undefined;
      if (!followed) return;
      const { progressToken: _token, ...progress } = params;
      for (const listener of followed.progress) this.call(listener, progress as unknown as Progress);
    } else if (method === 'notifications/tasks/status' || method === 'notifications/tasks') {
      const token = typeof params.taskId === 'string' ? this.tokenOf.get(params.taskId) : undefined;
      const followed = token === undefined ? undefined : this.byToken.get(token);
      if (!followed || token === undefined) return;
      let task: TaskInfo;
      try {
        task = readTaskInfo(params, method, this.serverName);
      } catch (error) {
        this.logger.warn({ err: error }, 'ignored an invalid task status notification');
        return;
      }
      for (const listener of followed.status) this.call(listener, task);
      if (isTerminal(task.status)) this.forget(token);
    }
  }

  /** The connection went: no notification of these tasks can come on it any more. */
  clear(): void {
    this.byToken.clear();
    this.tokenOf.clear();
  }

  private add(token: string, followed: Followed): void {
    this.byToken.set(token, followed);
    if (this.byToken.size > MAX_FOLLOWED_TASKS) this.forget(this.byToken.keys().next().value as string);
  }

  private call<T>(listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (error) {
      this.logger.warn({ err: error }, 'a task listener threw');
    }
  }
}
