import { EventEmitter } from 'node:events';
import { AppsErrorCode, MCP_APP_MIME_TYPE, type ReadResourceResult } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import type { QualifiedTool } from '../tools/toolNaming.js';
import { McpApps } from './mcpApps.js';

const tool = (serverName: string, originalName: string, ui?: object): QualifiedTool => ({
  name: originalName,
  qualifiedName: `${serverName}__${originalName}`,
  serverName,
  originalName,
  ...(ui ? { _meta: { ui } } : {}),
});

const TOOLS = [
  tool('s', 'show', { resourceUri: 'ui://s/view' }),
  tool('s', 'model_only', { visibility: ['model'] }),
  tool('s', 'app_only', { visibility: ['app'] }),
  tool('t', 'other'),
];

function apps(maxViewsPerServer = 16) {
  const events = new EventEmitter();
  const called: string[] = [];
  let reads = 0;
  const host = {
    find: (name: string) => {
      const found = TOOLS.find((t) => t.qualifiedName === name);
      if (!found) throw new Error(`no ${name}`);
      return found;
    },
    list: () => TOOLS,
    call: async (name: string) => {
      called.push(name);
      return { content: [] };
    },
    read: async (_server: string, uri: string): Promise<ReadResourceResult> => {
      reads++;
      return { contents: [{ uri, mimeType: MCP_APP_MIME_TYPE, text: `<html>${uri}</html>` }] };
    },
    on: (event: string, listener: (e: { server: string }) => void) => void events.on(event, listener),
  };
  return { apps: new McpApps(host, { maxViewsPerServer }), events, called, reads: () => reads };
}

describe('McpApps', () => {
  it("lets a view call its own server's tools whose visibility includes app, and nothing else", async () => {
    const { apps: a, called } = apps();
    await a.callFromApp('s__show', 'app_only', {});
    await a.callFromApp('s__show', 'show', {});
    expect(called).toEqual(['s__app_only', 's__show']);
    for (const name of ['model_only', 'other', 'missing'])
      await expect(a.callFromApp('s__show', name, {})).rejects.toMatchObject({
        code: AppsErrorCode.APP_CALL_REFUSED,
        serverName: 's',
      });
    expect(called).toHaveLength(2);
  });

  it("drops a server's views on each event that says its connection or lists changed", async () => {
    const { apps: a, events, reads } = apps();
    for (const event of ['toolsChanged', 'resourcesChanged', 'serverStateChanged']) {
      await a.view('s__show');
      expect(a.kept('s')).toBe(1);
      events.emit(event, { server: 't' });
      expect(a.kept('s')).toBe(1);
      events.emit(event, { server: 's' });
      expect(a.kept('s')).toBe(0);
    }
    expect(reads()).toBe(3);
  });

  it('shares one read among concurrent readers', async () => {
    const { apps: a, reads } = apps();
    const [one, two] = await Promise.all([a.view('s__show'), a.view('s__show')]);
    expect(one).toBe(two);
    expect(reads()).toBe(1);
  });
});
