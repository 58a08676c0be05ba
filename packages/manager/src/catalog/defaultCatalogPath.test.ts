import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalogPath } from './defaultCatalogPath.js';

describe('defaultCatalogPath', () => {
  const file = join('org-mcp', 'catalog.json');

  it('is under $XDG_CACHE_HOME when set, on any platform', () => {
    expect(defaultCatalogPath({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(join('/x/cache', file));
    expect(defaultCatalogPath({ XDG_CACHE_HOME: '/x/cache' }, 'darwin')).toBe(join('/x/cache', file));
  });

  it("else under the platform's cache folder", () => {
    expect(defaultCatalogPath({}, 'linux')).toBe(join(homedir(), '.cache', file));
    expect(defaultCatalogPath({}, 'darwin')).toBe(join(homedir(), 'Library', 'Caches', file));
    expect(defaultCatalogPath({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe(
      join('C:\\Users\\u\\AppData\\Local', file),
    );
    // Windows without LOCALAPPDATA falls back to ~/.cache.
    expect(defaultCatalogPath({}, 'win32')).toBe(join(homedir(), '.cache', file));
  });
});
