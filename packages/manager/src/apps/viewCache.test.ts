import { describe, expect, it } from 'vitest';
import type { AppView } from './appView.js';
import { ViewCache } from './viewCache.js';

const view = (uri: string): AppView => ({
  server: 's',
  uri,
  mimeType: 'text/html;profile=mcp-app',
  html: '',
});

describe('ViewCache', () => {
  it('keeps at most maxPerServer views, dropping the least recently used', async () => {
    const cache = new ViewCache(2);
    let reads = 0;
    const get = (uri: string) =>
      cache.get('s', uri, async () => {
        reads++;
        return view(uri);
      });
    await get('ui://a');
    await get('ui://b');
    await get('ui://a');
    await get('ui://c');
    expect(cache.size('s')).toBe(2);
    expect(reads).toBe(3);
    await get('ui://a');
    expect(reads).toBe(3);
    await get('ui://b');
    expect(reads).toBe(4);
  });

  it('does not keep a failed read', async () => {
    const cache = new ViewCache(2);
    await expect(cache.get('s', 'ui://a', () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(cache.size('s')).toBe(0);
  });
});
