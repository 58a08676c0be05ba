import type { Tool } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import type { ToolNamingPolicy } from '../managerOptions.js';
import { ToolIndex } from './toolIndex.js';
import { qualifyNames } from './toolNaming.js';

const POLICIES: ToolNamingPolicy[] = ['prefix', 'prefix-on-collision', 'error'];

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Plain names, and a few chosen to clash: alike once sanitised, alike once prefixed, over 64 characters. */
const NAMES = [
  ...Array.from({ length: 24 }, (_, i) => `tool${i}`),
  'do.thing',
  'do_thing',
  'b__read',
  'read',
  'x'.repeat(70),
  `${'x'.repeat(70)}y`,
];
const SERVERS = ['a', 'b', 'a__b', 'my server', 'my.server', 'c'];

function expectSameAs(index: ToolIndex, servers: Map<string, Tool[]>, policy: ToolNamingPolicy): void {
  let expected: string[] | Error;
  try {
    expected = [...new Map(qualifyNames(servers, policy).map((t) => [t.qualifiedName, t])).values()].map(
      (t) => `${t.serverName}/${t.originalName}=${t.qualifiedName}`,
    );
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) {
    expect(() => index.list()).toThrow(expected.message);
    return;
  }
  const listed = index.list();
  expect(listed.map((t) => `${t.serverName}/${t.originalName}=${t.qualifiedName}`)).toEqual(expected);
  for (const tool of listed) expect(index.get(tool.qualifiedName)).toBe(tool);
  expect([...index.names()].sort()).toEqual(listed.map((t) => t.qualifiedName).sort());
  // at(): a server's tool by its position in the list it was set to (the search index's way back), clashes or not.
  for (const [server, tools] of servers)
    tools.forEach((tool, position) => {
      const found = index.at(server, position);
      expect(found).toMatchObject({ serverName: server, originalName: tool.name });
      expect(index.get(found?.qualifiedName ?? '')).toBe(found);
    });
}

describe('ToolIndex', () => {
  for (const policy of POLICIES) {
    it(`names exactly as qualifyNames over everything, one update at a time ('${policy}')`, () => {
      const next = random(POLICIES.indexOf(policy) + 1);
      const index = new ToolIndex(policy);
      // The reference keeps servers in the index's order: first set, kept until deleted.
      const servers = new Map<string, Tool[]>();
      for (let step = 0; step < 400; step++) {
        const server = SERVERS[Math.floor(next() * SERVERS.length)] as string;
        if (next() < 0.15) {
          index.delete(server);
          servers.delete(server);
        } else {
          const tools = NAMES.filter(() => next() < 0.08).map((name) => ({ name }));
          if (next() < 0.1 && tools[0]) tools.push(tools[0]);
          index.set(server, tools);
          servers.set(server, tools);
        }
        expectSameAs(index, servers, policy);
      }
    });
  }

  it('hands out frozen tools, so a caller cannot change what the next caller sees', () => {
    const index = new ToolIndex('prefix');
    const tools: Tool[] = [
      { name: 'read', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
    ];
    index.set('fs', tools);
    const [tool] = index.list();
    expect(() => {
      (tool as { description?: string }).description = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (tool?.inputSchema?.properties as Record<string, unknown>).extra = {};
    }).toThrow(TypeError);
    index.list().pop();
    expect(index.list()).toHaveLength(1);
    // The index froze a copy: the list it was given stays the caller's to change.
    (tools[0]?.inputSchema?.properties as Record<string, unknown>).extra = {};
    expect(index.list()[0]?.inputSchema?.properties).not.toHaveProperty('extra');
  });

  it('keeps the order servers were first set in, and renames only what changed', () => {
    const index = new ToolIndex('prefix-on-collision');
    index.set('a', [{ name: 'read' }]);
    index.set('b', []);
    index.set('c', [{ name: 'log' }]);
    const log = index.get('log');
    index.set('b', [{ name: 'read' }]);
    expect(index.list().map((t) => t.qualifiedName)).toEqual(['a__read', 'b__read', 'log']);
    expect(index.get('log')).toBe(log);
    index.set('b', []);
    expect(index.list().map((t) => t.qualifiedName)).toEqual(['read', 'log']);
  });
});
