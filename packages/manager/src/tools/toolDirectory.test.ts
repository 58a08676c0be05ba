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

  it('builds the last-known index at its first use: the names are those an index kept all along would give', () => {
    const eager = new ToolDirectory('prefix-on-collision');
    const lazy = new ToolDirectory('prefix-on-collision');
    const steps: [string, string[], boolean][] = [
      ['a', ['echo', 'read'], true],
      ['b', ['echo'], false],
      ['c', ['read', 'write'], false],
      ['a', ['echo'], false],
      ['b', ['write'], false],
    ];
    for (const [name, tools, connected] of steps) {
      eager.update(server(name, tools, connected));
      // A miss reaches the last-known index: the eager directory has it from the start.
      eager.get('nothing');
      lazy.update(server(name, tools, connected));
    }
    eager.delete('c');
    lazy.delete('c');
    lazy.update(server('c', ['read'], false));
    eager.update(server('c', ['read'], false));
    for (const name of ['a__echo', 'echo', 'b__write', 'write', 'read', 'c__read', 'a__read'])
      expect(lazy.get(name)?.serverName, name).toBe(eager.get(name)?.serverName);
    // Built now, it follows later updates.
    lazy.update(server('d', ['only_d'], false));
    expect(lazy.find('only_d')).toMatchObject({ serverName: 'd' });
  });

  it('builds the search index at the first search and keeps it up to date after', () => {
    const directory = new ToolDirectory('prefix');
    directory.update(server('fs', ['read_file', 'write_file'], true));
    directory.update(server('down', ['read_mail'], false));
    const names = (query: string) => directory.searchTools(query).map((hit) => hit.tool.qualifiedName);
    expect(names('read')).toEqual(['fs__read_file']);
    directory.update(server('mail', ['read_mail'], true));
    expect(names('mail')).toEqual(['mail__read_mail']);
    directory.delete('fs');
    expect(names('file')).toEqual([]);
  });
});
