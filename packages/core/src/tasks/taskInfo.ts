import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPProtocolError } from '../errors/errors.js';

/** A task's status; the last three are terminal and never change again. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

const STATUSES: ReadonlySet<string> = new Set([
  'working',
  'input_required',
  'completed',
  'failed',
  'cancelled',
]);
const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * A task as the server last described it, the same shape in both eras (2025-11-25 `ttl` and
 * `pollInterval` are read as `ttlMs` and `pollIntervalMs`, the 2026-07-28 names).
 */
export interface TaskInfo {
  readonly taskId: string;
  readonly status: TaskStatus;
  /** What the server says about the state, cut to MAX_STATUS_MESSAGE characters. */
  readonly statusMessage?: string | undefined;
  readonly createdAt: string;
  readonly lastUpdatedAt: string;
  /** How long the server keeps the task from its creation, in ms; null: no limit. */
  readonly ttlMs: number | null;
  /** How often the server would like to be polled, in ms. */
  readonly pollIntervalMs?: number | undefined;
}

/** Bounds on what a server's task description may hold before it is kept. */
export const MAX_TASK_ID_LENGTH = 256;
export const MAX_STATUS_MESSAGE = 4096;
const MAX_TIMESTAMP_LENGTH = 64;

/** A task object of either era, checked and bounded; anything else is MCPProtocolError INVALID_RESULT. */
export function readTaskInfo(value: unknown, method: string, serverName: string | undefined): TaskInfo {
  const invalid = (what: string) =>
    new MCPProtocolError(
      CoreErrorCode.INVALID_RESULT,
      `${serverName ? `Server "${serverName}"` : 'The server'} answered ${method} with an invalid task (${what}).`,
      { serverName, method },
    );
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('expected an object');
  const v = value as Record<string, unknown>;
  const { taskId, status } = v;
  if (typeof taskId !== 'string' || taskId.length === 0 || taskId.length > MAX_TASK_ID_LENGTH)
    throw invalid(`taskId: expected a string of 1 to ${MAX_TASK_ID_LENGTH} characters`);
  if (typeof status !== 'string' || !STATUSES.has(status))
    throw invalid(`status: expected one of ${[...STATUSES].join(', ')}`);
  const ttl = v.ttlMs !== undefined ? v.ttlMs : v.ttl;
  const poll = v.pollIntervalMs !== undefined ? v.pollIntervalMs : v.pollInterval;
  return {
    taskId,
    status: status as TaskStatus,
    statusMessage:
      typeof v.statusMessage === 'string' ? v.statusMessage.slice(0, MAX_STATUS_MESSAGE) : undefined,
    createdAt: timestamp(v.createdAt),
    lastUpdatedAt: timestamp(v.lastUpdatedAt),
    ttlMs: typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0 ? ttl : null,
    pollIntervalMs: typeof poll === 'number' && Number.isFinite(poll) && poll >= 0 ? poll : undefined,
  };
}

/** Servers must send ISO 8601 times; one that does not gets '' rather than an unbounded string. */
function timestamp(value: unknown): string {
  return typeof value === 'string' && value.length <= MAX_TIMESTAMP_LENGTH ? value : '';
}
