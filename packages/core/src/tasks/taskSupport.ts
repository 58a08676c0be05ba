import { TaskErrorCode } from '../errors/errorCodes.js';
import { MCPProtocolError } from '../errors/errors.js';

/** TASKS_UNSUPPORTED: what the server (or the tool) does not offer, named with the server. */
export function tasksUnsupported(serverName: string, what: string): MCPProtocolError {
  return new MCPProtocolError(TaskErrorCode.TASKS_UNSUPPORTED, `Server "${serverName}" ${what}.`, {
    serverName,
  });
}

/** A capability path such as `tasks.requests.tools.call`, present as an object. */
export function declares(
  capabilities: Record<string, unknown> | undefined,
  path: readonly string[],
): boolean {
  let at: unknown = capabilities;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'object' && at !== null;
}
