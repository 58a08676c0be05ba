import { describe, expect, it } from 'vitest';
import { planReload, startsAlike } from './configDiff.js';

const fs = { command: 'npx', args: ['-y', 'server-filesystem', '/data'], env: { TOKEN: 'a' } };

describe('planReload', () => {
  it('sorts every server into added, removed, restarted, enabled, disabled and kept', () => {
    const running = new Map([
      ['same', { config: fs, enabled: true }],
      ['moved', { config: { transport: 'http' as const, url: 'http://127.0.0.1:1/mcp' }, enabled: true }],
      ['gone', { config: fs, enabled: true }],
      ['off', { config: { ...fs, enabled: false }, enabled: false }],
      ['on', { config: fs, enabled: true }],
    ]);
    const plan = planReload(running, {
      mcpServers: {
        same: { args: ['-y', 'server-filesystem', '/data'], env: { TOKEN: 'a' }, command: 'npx' },
        moved: { transport: 'http', url: 'http://127.0.0.1:2/mcp' },
        off: fs,
        on: { ...fs, enabled: false },
        fresh: fs,
      },
    });
    expect(plan).toEqual({
      added: [['fresh', fs]],
      removed: ['gone'],
      restarted: [['moved', { transport: 'http', url: 'http://127.0.0.1:2/mcp' }]],
      enabled: ['off'],
      disabled: ['on'],
      refiltered: [],
      kept: ['same'],
    });
  });

  it('a change of the tool filter alone (includeTools, excludeTools, disabledTools, autoApprove) refilters, never restarts', () => {
    const running = new Map([
      ['a', { config: { ...fs, includeTools: ['read_*'] }, enabled: true }],
      ['b', { config: fs, enabled: false }],
      ['c', { config: { ...fs, autoApprove: ['x'] }, enabled: true }],
    ]);
    const b = { ...fs, disabledTools: ['write_file'] };
    const plan = planReload(running, {
      mcpServers: {
        a: { ...fs, includeTools: ['read_*', 'list_*'] },
        b,
        c: { ...fs, autoApprove: ['x'], args: ['-y', 'server-filesystem', '/other'], excludeTools: ['y'] },
      },
    });
    expect(plan.refiltered).toEqual([
      ['a', { ...fs, includeTools: ['read_*', 'list_*'] }],
      ['b', b],
    ]);
    // b is refiltered and also turned on; c starts differently, so it restarts with its new filter.
    expect(plan).toMatchObject({ enabled: ['b'], restarted: [['c', expect.anything()]], kept: [] });
    expect(startsAlike(fs, { ...fs, excludeTools: ['y'], autoApprove: ['z'] })).toBe(true);
  });

  it('takes a rename for a remove and an add, and keeps a held (refused) entry running', () => {
    const running = new Map([
      ['old', { config: fs, enabled: true }],
      ['bad', { config: fs, enabled: true }],
    ]);
    const plan = planReload(running, { mcpServers: { renamed: fs } }, new Set(['bad']));
    expect(plan).toMatchObject({ added: [['renamed', fs]], removed: ['old'], kept: ['bad'] });
  });

  it('counts every way of starting or reaching a server: command, args, env, cwd, transport, url, headers, timeouts', () => {
    const http = { transport: 'http' as const, url: 'http://127.0.0.1:1/mcp', headers: { A: '1' } };
    expect(startsAlike(fs, { ...fs })).toBe(true);
    expect(startsAlike(fs, { ...fs, transport: 'stdio' })).toBe(true);
    expect(startsAlike(fs, { ...fs, enabled: false })).toBe(true);
    for (const changed of [
      { ...fs, args: ['-y', 'server-filesystem', '/other'] },
      { ...fs, env: { TOKEN: 'b' } },
      { ...fs, cwd: '/tmp' },
      { ...fs, command: 'node' },
      { ...fs, inheritEnv: true },
      { ...fs, connectTimeout: 5 },
    ])
      expect(startsAlike(fs, changed)).toBe(false);
    expect(startsAlike(http, { ...http, headers: { A: '2' } })).toBe(false);
    expect(startsAlike(http, { ...http, transport: 'sse' })).toBe(false);
  });
});
