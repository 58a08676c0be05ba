import { basicAppBin, PDF_APP_ONLY_TOOLS, pdfAppBin } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppsErrorCode,
  MCP_APP_MIME_TYPE,
  MCP_APPS_EXTENSION_ID,
  MCPConnectionManager,
  MCPError,
  MCPProtocolError,
  toolResultText,
} from '../src/index.js';

// The official MCP App example servers from npm, over stdio, started once for this file.
const node = process.execPath;
const seen: { method: string; params: Record<string, unknown> | undefined }[] = [];
const hooked: string[] = [];
let manager: MCPConnectionManager;

beforeAll(async () => {
  manager = new MCPConnectionManager({
    clientOptions: {
      mcpApps: true,
      observeRequest: (request) => {
        seen.push(request);
        return undefined;
      },
    },
    hooks: [{ name: 'audit', before: (call) => void hooked.push(call.name) }],
  });
  await manager.initialize({
    mcpServers: {
      basic: { command: node, args: [basicAppBin(), '--stdio'] },
      pdf: { command: node, args: [pdfAppBin(), '--stdio'] },
    },
  });
  await Promise.all([manager.connectServer('basic'), manager.connectServer('pdf')]);
}, 120_000);

afterAll(() => manager?.shutdown());

const reads = () => seen.filter((r) => r.method === 'resources/read').length;

describe('MCP Apps with the official example servers', () => {
  it('declares the extension at initialize, with the MCP App type', () => {
    const initialize = seen.find((r) => r.method === 'initialize');
    expect(initialize?.params?.capabilities).toMatchObject({
      extensions: { [MCP_APPS_EXTENSION_ID]: { mimeTypes: [MCP_APP_MIME_TYPE] } },
    });
  });

  it("gives each qualified tool its view and visibility: the PDF server's six app-only tools are app-only", async () => {
    expect(manager.getToolUi('basic__get-time')).toEqual({
      resourceUri: 'ui://get-time/mcp-app.html',
      visibility: ['model', 'app'],
    });
    expect(manager.getToolUi('pdf__display_pdf').resourceUri).toBe('ui://pdf-viewer/mcp-app.html');
    const appOnly = (await manager.listTools())
      .filter((t) => !manager.getToolUi(t.qualifiedName).visibility.includes('model'))
      .map((t) => t.originalName)
      .sort();
    expect(appOnly).toEqual([...PDF_APP_ONLY_TOOLS]);
    expect(manager.getToolUi('pdf__list_pdfs')).toEqual({ visibility: ['model', 'app'] });
  });

  it('reads a view once per connection; a reconnect drops it', async () => {
    const before = reads();
    const view = await manager.readAppView('basic__get-time');
    expect(view).toMatchObject({
      server: 'basic',
      uri: 'ui://get-time/mcp-app.html',
      mimeType: MCP_APP_MIME_TYPE,
    });
    expect(view.html).toMatch(/<html/i);
    expect(await manager.readAppView('basic__get-time')).toBe(view);
    expect(reads()).toBe(before + 1);
    await manager.disconnectServer('basic');
    await manager.connectServer('basic');
    const again = await manager.readAppView('basic__get-time');
    expect(again).not.toBe(view);
    expect(again.html).toBe(view.html);
    expect(reads()).toBe(before + 2);
  });

  it("keeps the PDF viewer's CSP and permissions, and refuses a tool with no view", async () => {
    const view = await manager.readAppView('pdf__display_pdf');
    expect(view.csp?.connectDomains).toEqual(['https://unpkg.com']);
    expect(view.permissions).toEqual(['clipboardWrite']);
    const error = await manager.readAppView('pdf__list_pdfs').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPError);
    expect(error).toMatchObject({ code: AppsErrorCode.APP_VIEW_MISSING, serverName: 'pdf' });
  });

  it("routes a view's call through the manager's hooks, to its own server only", async () => {
    hooked.length = 0;
    const result = await manager.callToolFromApp('basic__get-time', 'get-time');
    expect(toolResultText(result)).toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(hooked).toEqual(['basic__get-time']);
    const crossing = await manager.callToolFromApp('basic__get-time', 'list_pdfs').catch((e: unknown) => e);
    expect(crossing).toMatchObject({ code: AppsErrorCode.APP_CALL_REFUSED, serverName: 'basic' });
    expect((crossing as Error).message).toContain('"list_pdfs"');
    expect(hooked).toEqual(['basic__get-time']);
  });
});

describe('bounds on views', () => {
  it('a view over maxViewBytes is APP_VIEW_INVALID, naming the server and the URI', async () => {
    const small = new MCPConnectionManager({
      clientOptions: { mcpApps: true },
      apps: { maxViewBytes: 64 * 1024 },
    });
    try {
      await small.initialize({ mcpServers: { basic: { command: node, args: [basicAppBin(), '--stdio'] } } });
      await small.connectServer('basic');
      const error = await small.readAppView('basic__get-time').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPProtocolError);
      expect(error).toMatchObject({ code: AppsErrorCode.APP_VIEW_INVALID, serverName: 'basic' });
      expect((error as Error).message).toContain('ui://get-time/mcp-app.html');
    } finally {
      await small.shutdown();
    }
  }, 60_000);
});
