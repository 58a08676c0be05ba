import { describe, expect, it } from 'vitest';
import { catalogKey } from './catalogKey.js';

describe('catalogKey', () => {
  const base = { transport: 'stdio' as const, command: 'node', args: ['s.mjs'], env: { TOKEN: 'sekrit-1' } };

  it('is the same for servers started alike, whatever else the entry says', () => {
    expect(catalogKey(base)).toBe(catalogKey({ ...base, enabled: false, includeTools: ['a'] }));
  });

  it('changes with command, args, cwd, URL, env and header values', () => {
    const keys = [
      base,
      { ...base, command: 'bun' },
      { ...base, args: ['t.mjs'] },
      { ...base, cwd: '/tmp' },
      { ...base, env: { TOKEN: 'sekrit-2' } },
      { transport: 'http' as const, url: 'http://127.0.0.1:1/mcp' },
      { transport: 'http' as const, url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer x' } },
    ].map(catalogKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never holds a value', () => {
    expect(catalogKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
