import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPHookError } from '../errors/errors.js';
import type { CallToolResult } from '../types/mcpTypes.js';
import type { ToolAnnotations } from '../types/toolAnnotations.js';

/** A tool call as a hook sees it. */
export interface ToolCall {
  /** The server's configured name. */
  readonly server: string;
  /** The tool's name on its server. */
  readonly tool: string;
  /** The name the caller used: the qualified name through the manager, the tool's own name on a client. */
  readonly name: string;
  /** The arguments as they stand, after the hooks before this one. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The config's approval hint for this tool (`autoApprove` / `alwaysAllow`); false when it has none. */
  readonly autoApprove: boolean;
  /** What the server says the tool does (`readOnlyHint`, `destructiveHint`, …, `title`); `{}` for a tool not listed. */
  readonly annotations: ToolAnnotations;
  /** Whether the server's config says `trust: true`: only then are its annotations more than hints (`mayDestroy`). */
  readonly trusted: boolean;
  /** The caller's signal, if any. */
  readonly signal?: AbortSignal | undefined;
  /** The end user the call is made for (a manager's `forUser(principal)` view); absent for any other call. */
  readonly principal?: string | undefined;
}

/** What a `before` hook decides: nothing (go on), new arguments, or a refusal with its reason. */
export type BeforeToolCall = undefined | { args: Record<string, unknown> } | { refuse: string };

/** A finished call as an `after` hook sees it: the result or the error, and how long the call took. */
export interface ToolCallOutcome extends ToolCall {
  /** The result so far (after the hooks before this one); absent when the call failed. */
  readonly result?: CallToolResult | undefined;
  /** Why the call failed; absent when it succeeded. */
  readonly error?: unknown;
  /** Milliseconds from sending the call to its answer, hooks not counted. */
  readonly durationMs: number;
}

/** What an `after` hook decides: nothing (keep the outcome) or a result in its place (also for a failed call). */
export type AfterToolCall = undefined | { result: CallToolResult };

/**
 * One interceptor around tool calls. Hooks run in the order they were given, `before` ones before the call
 * is sent and `after` ones once it is answered; each may be async. A refusal ends the call before it is
 * sent (MCPHookError TOOL_CALL_REFUSED) and runs no `after` hook; a hook that throws fails the call with
 * MCPHookError HOOK_FAILED naming it.
 */
export interface ToolCallHook {
  /** Named in errors and logs. */
  readonly name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that only watches returns nothing, and `void` lets it.
  before?(call: ToolCall): BeforeToolCall | void | Promise<BeforeToolCall | void>;
  // biome-ignore lint/suspicious/noConfusingVoidType: as above.
  after?(outcome: ToolCallOutcome): AfterToolCall | void | Promise<AfterToolCall | void>;
}

/** Runs `send` inside the hooks: befores in order, the call, afters in order. */
export async function callThroughHooks(
  hooks: readonly ToolCallHook[],
  call: ToolCall,
  send: (args: Record<string, unknown>) => Promise<CallToolResult>,
  now: () => number = () => performance.now(),
): Promise<CallToolResult> {
  let current: ToolCall = call;
  for (const hook of hooks) {
    if (!hook.before) continue;
    const decision = await guarded(hook, 'before', current, () => hook.before?.(current));
    if (decision === undefined) continue;
    if ('refuse' in decision) throw refused(hook, current, decision.refuse);
    if (!isRecord(decision.args))
      throw misbehaved(hook, 'before', current, 'gave `args` that is not an object');
    current = { ...current, args: decision.args };
  }
  const started = now();
  let outcome: { result?: CallToolResult; error?: unknown };
  try {
    outcome = { result: await send(current.args as Record<string, unknown>) };
  } catch (error) {
    outcome = { error };
  }
  const durationMs = now() - started;
  for (const hook of hooks) {
    if (!hook.after) continue;
    const seen: ToolCallOutcome = { ...current, ...outcome, durationMs };
    const decision = await guarded(hook, 'after', current, () => hook.after?.(seen));
    if (decision === undefined) continue;
    if (!isRecord(decision.result) || !Array.isArray(decision.result.content))
      throw misbehaved(hook, 'after', current, 'gave a `result` without a `content` array');
    outcome = { result: decision.result };
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.result as CallToolResult;
}

async function guarded<T>(
  hook: ToolCallHook,
  stage: 'before' | 'after',
  call: ToolCall,
  // biome-ignore lint/suspicious/noConfusingVoidType: what a hook method returns, `void` included.
  run: () => T | void | Promise<T | void>,
): Promise<T | undefined> {
  try {
    return (await run()) ?? undefined;
  } catch (cause) {
    throw new MCPHookError(
      CoreErrorCode.HOOK_FAILED,
      `Hook "${hook.name}" threw ${stage} the call of tool "${call.name}" on server "${call.server}": ${cause instanceof Error ? cause.message : String(cause)}`,
      { hook: hook.name, stage, serverName: call.server, cause },
    );
  }
}

function refused(hook: ToolCallHook, call: ToolCall, reason: unknown): MCPHookError {
  const why = typeof reason === 'string' && reason ? reason : 'no reason given';
  return new MCPHookError(
    CoreErrorCode.TOOL_CALL_REFUSED,
    `Hook "${hook.name}" refused the call of tool "${call.name}" on server "${call.server}": ${why}`,
    { hook: hook.name, stage: 'before', reason: why, serverName: call.server },
  );
}

function misbehaved(
  hook: ToolCallHook,
  stage: 'before' | 'after',
  call: ToolCall,
  what: string,
): MCPHookError {
  return new MCPHookError(
    CoreErrorCode.HOOK_FAILED,
    `Hook "${hook.name}" ${what} ${stage} the call of tool "${call.name}" on server "${call.server}".`,
    { hook: hook.name, stage, serverName: call.server },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
