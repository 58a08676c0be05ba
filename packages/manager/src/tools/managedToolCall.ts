import type { CallToolOptions, CallToolResult, ToolCallHook } from '@org/mcp-core';
import { toolAnnotations } from '@org/mcp-core';
import { callThroughHooks, resultOrToolError } from '@org/mcp-core/internal';
import type { QualifiedTool } from './toolNaming.js';

/**
 * One manager tool call: the manager's hooks around `send` (getting the server's client and calling it there,
 * plainly or as a task, so a refusal comes before any wait for a restart), then `throwOnError`. The client's
 * own hooks, if it has any, run inside. `principal`: the end user of a view's call, which the hooks see.
 */
export function managedToolCall(
  tool: QualifiedTool,
  args: object,
  options: CallToolOptions | undefined,
  hooks: readonly ToolCallHook[],
  sendCall: (args: object, request: CallToolOptions) => Promise<CallToolResult>,
  principal?: string,
): Promise<CallToolResult> {
  const { throwOnError, ...request } = options ?? {};
  const send = (sent: object) => sendCall(sent, request);
  if (hooks.length === 0 && !throwOnError) return send(args);
  const call = {
    server: tool.serverName,
    tool: tool.originalName,
    name: tool.qualifiedName,
    args: args as Record<string, unknown>,
    autoApprove: tool.autoApprove === true,
    annotations: toolAnnotations(tool),
    trusted: tool.trusted === true,
    signal: options?.signal,
    ...(principal !== undefined && { principal }),
  };
  // A copy: a hook added or removed while the call runs applies from the next call on.
  const result = hooks.length === 0 ? send(args) : callThroughHooks([...hooks], call, send);
  return result.then((done) => resultOrToolError(done, tool.qualifiedName, tool.serverName, throwOnError));
}
