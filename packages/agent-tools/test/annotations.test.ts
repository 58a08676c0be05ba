import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MCPConnectionManager, mayDestroy } from '@org/mcp-manager';
import { filesystemBin } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiSdkTools } from '../src/ai-sdk.js';
import { anthropicTools, openaiChatTools, type ToolAbout } from '../src/index.js';

/** server-filesystem (annotated tools) twice through a manager: `mine` trusted, `theirs` not. Started once. */
let dir: string;
let m: MCPConnectionManager;

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(`${tmpdir()}/about-`));
  m = new MCPConnectionManager();
  const fs = { command: process.execPath, args: [filesystemBin(), dir] };
  await m.initialize({ mcpServers: { mine: { ...fs, trust: true }, theirs: fs } });
  await m.connectAllEnabled();
});

afterAll(async () => {
  await m?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe("the tools' annotations and their server's trust, where a host decides", () => {
  it('the filter sees them: only what may not destroy, by a trusted server', async () => {
    const seen = new Map<string, ToolAbout>();
    const claude = await anthropicTools(m, {
      filter: (name, about) => {
        seen.set(name, about);
        return !mayDestroy(about);
      },
    });
    expect(seen.get('theirs__write_file')).toEqual({
      trusted: false,
      annotations: {
        title: 'Write File',
        readOnlyHint: false,
        idempotentHint: true,
        destructiveHint: true,
        openWorldHint: false,
      },
    });
    const names = claude.tools.map((tool) => tool.name);
    expect(names).toContain('mine__read_text_file');
    expect(names).not.toContain('mine__write_file');
    expect(names.some((name) => name.startsWith('theirs__'))).toBe(false);
  });

  it('every toolset tells them by name, for an approval step before execute', async () => {
    const openai = await openaiChatTools(m);
    expect(openai.about('mine__read_text_file')).toMatchObject({
      trusted: true,
      annotations: { readOnlyHint: true },
    });
    expect(openai.about('theirs__edit_file')).toMatchObject({
      trusted: false,
      annotations: { destructiveHint: true },
    });
    expect(openai.about('nope')).toBeUndefined();
    const ai = await aiSdkTools(m);
    expect(ai.about('mine__move_file')).toMatchObject({
      trusted: true,
      annotations: { destructiveHint: true },
    });
  });
});
