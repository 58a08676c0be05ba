import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesystemBin } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPConnectionManager, MCPHookError, mayDestroy, type ToolCall } from '../src/index.js';

/**
 * The README's approval recipe against server-filesystem, whose tools are annotated (read_text_file
 * `readOnlyHint`, write_file `destructiveHint`), configured twice: `mine` trusted, `theirs` not (with its
 * own `autoApprove` for list_directory). The servers start once for the file.
 */
let dir: string;
let m: MCPConnectionManager;
const asked: string[] = [];
const seen: ToolCall[] = [];
/** The user: says no to everything it is asked. */
const askUser = async (call: ToolCall) => {
  asked.push(call.name);
  return false;
};

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'approval-')));
  writeFileSync(join(dir, 'note.txt'), 'hello');
  m = new MCPConnectionManager();
  const fs = { command: process.execPath, args: [filesystemBin(), dir] };
  await m.initialize({
    mcpServers: {
      mine: { ...fs, trust: true },
      theirs: { ...fs, autoApprove: ['list_directory'] },
    },
  });
  await m.connectAllEnabled();
  // The recipe, as the README writes it.
  m.addHook({
    name: 'approval',
    async before(call) {
      seen.push(call);
      if (call.autoApprove || !mayDestroy(call)) return;
      if (!(await askUser(call))) return { refuse: 'the user said no' };
    },
  });
});

afterAll(async () => {
  await m?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('approval from annotations and trust', () => {
  it("hooks see the tool's annotations and whether its server is trusted", async () => {
    await m.callTool('mine__read_text_file', { path: join(dir, 'note.txt') });
    expect(seen.at(-1)).toMatchObject({
      name: 'mine__read_text_file',
      trusted: true,
      annotations: { title: 'Read Text File', readOnlyHint: true, openWorldHint: false },
    });
    const tool = (await m.listTools()).find((t) => t.qualifiedName === 'theirs__write_file');
    expect(tool).toMatchObject({ trusted: false, annotations: { destructiveHint: true } });
  });

  it('a trusted server: its read-only tools run unasked, its destructive ones are asked', async () => {
    asked.length = 0;
    await expect(m.callTool('mine__read_text_file', { path: join(dir, 'note.txt') })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'hello' }],
    });
    const write = m.callTool('mine__write_file', { path: join(dir, 'new.txt'), content: 'x' });
    await expect(write).rejects.toBeInstanceOf(MCPHookError);
    await expect(write).rejects.toMatchObject({ code: 'TOOL_CALL_REFUSED' });
    expect(asked).toEqual(['mine__write_file']);
  });

  it("an untrusted server: its read-only claim is a hint, not a reason to skip; the user's autoApprove is", async () => {
    asked.length = 0;
    await expect(m.callTool('theirs__read_text_file', { path: join(dir, 'note.txt') })).rejects.toMatchObject(
      {
        code: 'TOOL_CALL_REFUSED',
      },
    );
    await expect(m.callTool('theirs__list_directory', { path: dir })).resolves.toMatchObject({
      content: [{ type: 'text' }],
    });
    expect(asked).toEqual(['theirs__read_text_file']);
  });
});
