import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { everythingBin, filesystemBin } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CoreErrorCode,
  MCPClientFactory,
  MCPConnectionManager,
  MCPHookError,
  MCPToolError,
  type ToolCallHook,
  type ToolCallOutcome,
  toolResultText,
} from '../src/index.js';

const node = process.execPath;
const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function everything(hooks: ToolCallHook[] = []): Promise<MCPConnectionManager> {
  const manager = new MCPConnectionManager({ hooks });
  managers.push(manager);
  await manager.initialize({
    mcpServers: { e: { command: node, args: [everythingBin(), 'stdio'], autoApprove: ['echo'] } },
  });
  await manager.connectServer('e');
  return manager;
}

describe('hooks around manager tool calls (server-everything)', () => {
  it('a before hook refuses a call that is not approved in advance, naming itself and the reason; the approved one goes through', async () => {
    const seen: string[] = [];
    const approval: ToolCallHook = {
      name: 'approval',
      before: (call) => {
        seen.push(`${call.server}/${call.tool} as ${call.name}`);
        return call.autoApprove ? undefined : { refuse: `${call.tool} needs the user's consent` };
      },
    };
    const manager = await everything([approval]);
    const error = await manager.callTool('e__get-sum', { a: 1, b: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPHookError);
    expect(error).toMatchObject({
      code: CoreErrorCode.TOOL_CALL_REFUSED,
      hook: 'approval',
      stage: 'before',
      reason: "get-sum needs the user's consent",
      serverName: 'e',
    });
    expect((error as Error).message).toContain('Hook "approval" refused the call of tool "e__get-sum"');
    const echoed = await manager.callTool('e__echo', { message: 'hi' });
    expect(toolResultText(echoed)).toContain('hi');
    expect(seen).toEqual(['e/get-sum as e__get-sum', 'e/echo as e__echo']);
  });

  it('hooks run in order, async; one rewrites the arguments, another the result, and after hooks see the duration', async () => {
    const order: string[] = [];
    const outcomes: ToolCallOutcome[] = [];
    const shout: ToolCallHook = {
      name: 'shout',
      before: async (call) => {
        order.push('shout.before');
        return { args: { ...call.args, message: String(call.args.message).toUpperCase() } };
      },
      after: (outcome) => {
        order.push('shout.after');
        outcomes.push(outcome);
      },
    };
    const redact: ToolCallHook = {
      name: 'redact',
      before: () => {
        order.push('redact.before');
      },
      after: async (outcome) => {
        order.push('redact.after');
        const text = toolResultText(outcome.result ?? { content: [] });
        return { result: { content: [{ type: 'text', text: text.replace(/SECRET/g, '[redacted]') }] } };
      },
    };
    const manager = await everything([shout]);
    const remove = manager.addHook(redact);
    const result = await manager.callTool('e__echo', { message: 'the secret word' });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: THE [redacted] WORD' }]);
    expect(order).toEqual(['shout.before', 'redact.before', 'shout.after', 'redact.after']);
    expect(outcomes[0]).toMatchObject({ server: 'e', tool: 'echo', args: { message: 'THE SECRET WORD' } });
    expect(outcomes[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(toolResultText(outcomes[0]?.result ?? { content: [] })).toBe('Echo: THE SECRET WORD');

    remove();
    const plain = await manager.callTool('e__echo', { message: 'the secret word' });
    expect(toolResultText(plain)).toBe('Echo: THE SECRET WORD');
  });

  it('a hook that throws fails the call with HOOK_FAILED naming the hook and the stage, with what it threw as the cause', async () => {
    const thrown = new Error('audit log unreachable');
    const manager = await everything([
      {
        name: 'audit',
        after: () => {
          throw thrown;
        },
      },
    ]);
    const error = await manager.callTool('e__echo', { message: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPHookError);
    expect(error).toMatchObject({
      code: CoreErrorCode.HOOK_FAILED,
      hook: 'audit',
      stage: 'after',
      cause: thrown,
    });
    expect((error as Error).message).toContain(
      'Hook "audit" threw after the call of tool "e__echo" on server "e"',
    );
  });
});

describe('tool results', () => {
  it('throwOnError turns isError into MCPToolError carrying the content (server-filesystem); an after hook sees the failure too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mgr-hooks-'));
    const failures: unknown[] = [];
    const manager = new MCPConnectionManager({
      hooks: [{ name: 'watch', after: (o) => void failures.push(o.result?.isError) }],
    });
    managers.push(manager);
    await manager.initialize({ mcpServers: { fs: { command: node, args: [filesystemBin(), dir] } } });
    await manager.connectServer('fs');
    const outside = { path: '/etc/hostname' };
    const returned = await manager.callTool('fs__read_text_file', outside);
    expect(returned.isError).toBe(true);
    const error = await manager
      .callTool('fs__read_text_file', outside, { throwOnError: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPToolError);
    expect(error).toMatchObject({
      code: CoreErrorCode.TOOL_RESULT_ERROR,
      tool: 'fs__read_text_file',
      serverName: 'fs',
    });
    expect((error as MCPToolError).content).toEqual(returned.content);
    expect((error as Error).message).toContain(toolResultText(returned).slice(0, 40));
    expect(failures).toEqual([true, true]);
  });

  it('one client takes hooks and throwOnError too (ClientOptions.hooks), without a manager', async () => {
    const client = MCPClientFactory.createClient(
      { command: node, args: [everythingBin(), 'stdio'] },
      {
        hooks: [
          {
            name: 'nope',
            before: (call) => (call.tool === 'get-env' ? { refuse: 'environment is private' } : undefined),
          },
          {
            name: 'tag',
            after: (o) => ({
              result: { content: [...(o.result?.content ?? []), { type: 'text', text: `(${o.server})` }] },
            }),
          },
        ],
      },
    );
    try {
      await client.connect();
      await expect(client.callTool('get-env', {})).rejects.toMatchObject({
        code: CoreErrorCode.TOOL_CALL_REFUSED,
        hook: 'nope',
        reason: 'environment is private',
      });
      const result = await client.callTool('echo', { message: 'hi' }, { throwOnError: true });
      expect(toolResultText(result, { separator: ' ' })).toBe(`Echo: hi (${client.name})`);
    } finally {
      await client.disconnect();
    }
  });
});
