import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPConnectionManager, qualifyNames, qualifyTools } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

describe('listTools', () => {
  it('hands out tools a caller cannot change, so every caller sees what the servers said', async () => {
    const m = new MCPConnectionManager();
    managers.push(m);
    await m.initialize({
      mcpServers: {
        a: { transport: 'stdio', command: process.execPath, args: [toolServer], env: { TOOLS: 'echo' } },
      },
    });
    await m.connectServer('a');
    const [tool] = await m.listTools();
    expect(tool).toMatchObject({ qualifiedName: 'a__echo', inputSchema: { type: 'object' } });
    expect(() => {
      (tool as { qualifiedName: string }).qualifiedName = 'renamed';
    }).toThrow(TypeError);
    expect(() => {
      (tool?.inputSchema as Record<string, unknown>).type = 'string';
    }).toThrow(TypeError);
    (await m.listTools()).length = 0;
    expect(await m.listTools()).toEqual([tool]);
    expect((await m.listTools())[0]).toMatchObject({
      qualifiedName: 'a__echo',
      inputSchema: { type: 'object' },
    });
    const result = await m.callTool('a__echo', { x: 1 });
    expect(result.content[0]).toMatchObject({ text: expect.stringContaining('echo:{"x":1}') });
  });
});

describe('qualifyNames', () => {
  it('names tools of many servers uniquely, and answers under its deprecated name qualifyTools alike', () => {
    const byServer = new Map([
      ['a', [{ name: 'echo', inputSchema: { type: 'object' as const } }]],
      ['b', [{ name: 'echo', inputSchema: { type: 'object' as const } }]],
    ]);
    const named = qualifyNames(byServer, 'prefix').map((t) => t.qualifiedName);
    expect(named).toEqual(['a__echo', 'b__echo']);
    expect(qualifyTools(byServer, 'prefix').map((t) => t.qualifiedName)).toEqual(named);
  });
});
