import { describe, expect, it } from 'vitest';
import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPHookError } from '../errors/errors.js';
import { toolResultText } from '../results/toolResultText.js';
import type { CallToolResult } from '../types/mcpTypes.js';
import { callThroughHooks, type ToolCall, type ToolCallHook } from './toolCallHooks.js';

const call: ToolCall = {
  server: 's',
  tool: 't',
  name: 's__t',
  args: { n: 1 },
  autoApprove: false,
  annotations: {},
  trusted: false,
};
const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
/** A fake clock: each reading 5 ms after the last. */
const clock = () => {
  let now = 0;
  return () => (now += 5);
};

describe('callThroughHooks', () => {
  it('with no hook answering, sends the arguments as given and resolves with the result', async () => {
    const sent: unknown[] = [];
    const hooks: ToolCallHook[] = [{ name: 'quiet', before: () => {}, after: async () => {} }];
    const result = await callThroughHooks(hooks, call, async (args) => {
      sent.push(args);
      return text('ok');
    });
    expect(result).toEqual(text('ok'));
    expect(sent).toEqual([{ n: 1 }]);
  });

  it('an after hook sees a failed call with its duration and may recover it with a result', async () => {
    const failure = new Error('server gone');
    const seen: unknown[] = [];
    const hooks: ToolCallHook[] = [
      {
        name: 'fallback',
        after: (outcome) => {
          seen.push({ error: outcome.error, durationMs: outcome.durationMs });
          return { result: text('cached answer') };
        },
      },
    ];
    const result = await callThroughHooks(hooks, call, () => Promise.reject(failure), clock());
    expect(result).toEqual(text('cached answer'));
    expect(seen).toEqual([{ error: failure, durationMs: 5 }]);
    await expect(callThroughHooks([], call, () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('a hook that answers with something unusable is HOOK_FAILED naming it', async () => {
    const badArgs: ToolCallHook = {
      name: 'bad-args',
      before: () => ({ args: 'x' as unknown as Record<string, unknown> }),
    };
    const badResult: ToolCallHook = { name: 'bad-result', after: () => ({ result: {} as CallToolResult }) };
    for (const [hook, stage] of [
      [badArgs, 'before'],
      [badResult, 'after'],
    ] as const) {
      const error = await callThroughHooks([hook], call, async () => text('ok')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPHookError);
      expect(error).toMatchObject({
        code: CoreErrorCode.HOOK_FAILED,
        hook: hook.name,
        stage,
        serverName: 's',
      });
    }
  });

  it('a refusal stops the chain: later before hooks, the call and every after hook are skipped', async () => {
    const ran: string[] = [];
    const hooks: ToolCallHook[] = [
      { name: 'no', before: () => ({ refuse: '' }), after: () => void ran.push('no.after') },
      { name: 'later', before: () => void ran.push('later.before') },
    ];
    const error = await callThroughHooks(hooks, call, async () => {
      ran.push('sent');
      return text('ok');
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: CoreErrorCode.TOOL_CALL_REFUSED,
      hook: 'no',
      reason: 'no reason given',
    });
    expect(ran).toEqual([]);
  });
});

describe('toolResultText', () => {
  it('renders each kind of block, and structuredContent when there is no content', () => {
    const result: CallToolResult = {
      content: [
        { type: 'text', text: 'hello' },
        { type: 'image', data: 'AAAA', mimeType: 'image/png' },
        { type: 'resource_link', uri: 'file:///a', name: 'a' },
        { type: 'resource', resource: { uri: 'file:///b', text: 'inside b' } },
        { type: 'resource', resource: { uri: 'file:///c', blob: 'AA==', mimeType: 'application/zip' } },
      ],
    };
    expect(toolResultText(result, { separator: '|' })).toBe(
      'hello|[image: image/png, 3 bytes]|[resource link: a (file:///a)]|inside b|[resource: file:///c, application/zip]',
    );
    expect(toolResultText({ content: [], structuredContent: { n: 1 } })).toBe('{"n":1}');
    expect(toolResultText(text('abcdef'), { maxLength: 4 })).toBe('abc…');
  });
});
