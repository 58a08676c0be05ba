import { describe, expect, it } from 'vitest';
import { qualifyNames, safeName } from './toolNaming.js';

const tools = (...names: string[]) => names.map((name) => ({ name }));

describe('qualifyNames', () => {
  const byServer = new Map([
    ['fs', tools('read', 'write')],
    ['git', tools('read', 'log')],
  ]);

  it("prefixes every tool with its server under 'prefix'", () => {
    expect(qualifyNames(byServer, 'prefix').map((t) => t.qualifiedName)).toEqual([
      'fs__read',
      'fs__write',
      'git__read',
      'git__log',
    ]);
  });

  it("prefixes only clashing names under 'prefix-on-collision'", () => {
    const named = qualifyNames(byServer, 'prefix-on-collision');
    expect(named.map((t) => t.qualifiedName)).toEqual(['fs__read', 'write', 'git__read', 'log']);
    expect(named[2]).toMatchObject({ serverName: 'git', originalName: 'read' });
  });

  it("refuses clashes under 'error', naming both servers", () => {
    expect(() => qualifyNames(byServer, 'error')).toThrow(/"read" is offered by servers "fs" and "git"/);
    expect(qualifyNames(new Map([['fs', tools('a')]]), 'error')[0]?.qualifiedName).toBe('a');
  });

  it('keeps names to ^[a-zA-Z0-9_-]{1,64}$, stable and unique', () => {
    const long = 'x'.repeat(80);
    const odd = new Map([
      ['my server', tools('do.thing', long, `${long}y`)],
      ['my.server', tools('do.thing')],
    ]);
    const first = qualifyNames(odd, 'prefix').map((t) => t.qualifiedName);
    const again = qualifyNames(odd, 'prefix').map((t) => t.qualifiedName);
    expect(first).toEqual(again);
    expect(new Set(first).size).toBe(first.length);
    for (const name of first) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(first[0]).toBe('my_server__do_thing');
    expect(safeName('')).toBe('_');
  });
});
