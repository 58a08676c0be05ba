import { MCPConnectionManager } from '@org/mcp-manager';
import { PDF_APP_ONLY_TOOLS, pdfAppBin } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiSdkTools } from '../src/ai-sdk.js';
import {
  anthropicTools,
  geminiTools,
  openaiChatTools,
  openaiResponsesTools,
  type ToolWarning,
} from '../src/index.js';
import { langchainTools } from '../src/langchain.js';
import { openaiAgentsTools } from '../src/openai-agents.js';

// The official PDF server from npm, over stdio, with the host declaring MCP Apps: six of its tools are for its view only.
let manager: MCPConnectionManager;
beforeAll(async () => {
  manager = new MCPConnectionManager({ clientOptions: { mcpApps: true } });
  await manager.initialize({
    mcpServers: { pdf: { command: process.execPath, args: [pdfAppBin(), '--stdio'] } },
  });
  await manager.connectServer('pdf');
}, 120_000);
afterAll(() => manager?.shutdown());

const APP_ONLY = PDF_APP_ONLY_TOOLS.map((t) => `pdf__${t}`);
const REASON = 'its MCP Apps visibility is app only (`_meta.ui.visibility`)';

describe('tools only an MCP App may call', () => {
  it('are in no target’s tool list, each left out with a warning', async () => {
    const targets: Array<[string, () => Promise<{ warnings: ToolWarning[] }>, (r: never) => string[]]> = [
      [
        'openai-chat',
        () => openaiChatTools(manager),
        (r: { tools: { function: { name: string } }[] }) => r.tools.map((t) => t.function.name),
      ],
      [
        'openai-responses',
        () => openaiResponsesTools(manager),
        (r: { tools: { name: string }[] }) => r.tools.map((t) => t.name),
      ],
      [
        'anthropic',
        () => anthropicTools(manager),
        (r: { tools: { name: string }[] }) => r.tools.map((t) => t.name),
      ],
      [
        'gemini',
        () => geminiTools(manager),
        (r: { tools: { name: string }[] }) => r.tools.map((t) => t.name),
      ],
      ['ai-sdk', () => aiSdkTools(manager), (r: { tools: Record<string, unknown> }) => Object.keys(r.tools)],
      [
        'langchain',
        () => langchainTools(manager),
        (r: { tools: { name: string }[] }) => r.tools.map((t) => t.name),
      ],
      [
        'openai-agents',
        () => openaiAgentsTools(manager),
        (r: { tools: { name: string }[] }) => r.tools.map((t) => t.name),
      ],
    ];
    for (const [target, make, names] of targets) {
      const made = await make();
      const offered = names(made as never);
      expect(offered, target).toContain('pdf__display_pdf');
      expect(
        offered.filter((n) => APP_ONLY.includes(n)),
        target,
      ).toEqual([]);
      expect(
        made.warnings
          .filter((w) => w.reason === REASON)
          .map((w) => w.tool)
          .sort(),
        target,
      ).toEqual(APP_ONLY);
    }
  });

  it('are refused when a model names one anyway, and onWarning hears each', async () => {
    const heard: string[] = [];
    const claude = await anthropicTools(manager, { onWarning: (w) => heard.push(w.tool) });
    expect(heard.sort()).toEqual(APP_ONLY);
    const answer = await claude.execute('pdf__poll_pdf_commands', { viewUUID: 'x' }, { callId: 'c1' });
    expect(answer.is_error).toBe(true);
  });
});
