import { ManagerErrorCode, type Tool } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import type { ManagedServer } from '../server/managedServer.js';
import { ToolDirectory } from './toolDirectory.js';

const tool = (name: string): Tool => ({ name, inputSchema: { type: 'object' } });

/** What the directory reads of a server: its name, its tools now, and its tools as last connected. */
function server(name: string, known: string[], connected: boolean): ManagedServer {
  const knownTools = known.map(tool);
  return { name, knownTools, tools: connected ? knownTools : [] } as unknown as ManagedServer;
}

describe('ToolDirectory', () => {
  it("routes a down server's last known tools to it, lists only the connected ones", () => {
    const directory = new ToolDirectory('prefix');
    directory.update(server('up', ['echo'], true));
    directory.update(server('down', ['echo', 'only'], false));
    expect(directory.list().map((t) => t.qualifiedName)).toEqual(['up__echo']);
    expect(directory.find('down__only')).toMatchObject({ serverName: 'down', originalName: 'only' });
    expect(() => directory.find('down__gone')).toThrow(
      expect.objectContaining({ code: ManagerErrorCode.UNKNOWN_TOOL }),
    );
    directory.delete('down');
    expect(() => directory.find('down__only')).toThrow(
      expect.objectContaining({ code: ManagerErrorCode.UNKNOWN_TOOL }),
    );
  });

  it("under toolNaming 'error', a name shared only with a server that is down is no clash for a call", () => {
    const directory = new ToolDirectory('error');
    directory.update(server('up', ['echo'], true));
    directory.update(server('down', ['echo'], false));
    expect(directory.find('echo')).toMatchObject({ serverName: 'up' });
    expect(() => directory.find('nothing')).toThrow(
      expect.objectContaining({ code: ManagerErrorCode.UNKNOWN_TOOL }),
    );
  });
});
