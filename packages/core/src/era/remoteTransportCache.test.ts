import { afterEach, describe, expect, it } from 'vitest';
import { LEGACY_SSE_STATUSES, remoteTransportCache } from './remoteTransportCache.js';

afterEach(() => remoteTransportCache.clear());

describe('remoteTransportCache', () => {
  it('remembers per key, ignores an undefined key, forgets on delete', () => {
    remoteTransportCache.set('http http://a/mcp', 'sse');
    remoteTransportCache.set(undefined, 'sse');
    expect(remoteTransportCache.get('http http://a/mcp')).toBe('sse');
    expect(remoteTransportCache.get(undefined)).toBeUndefined();
    remoteTransportCache.delete('http http://a/mcp');
    expect(remoteTransportCache.get('http http://a/mcp')).toBeUndefined();
  });

  it('is bounded: past the bound the least recently learnt URL goes first', () => {
    const { maxSize } = remoteTransportCache;
    for (let i = 0; i < maxSize; i++) remoteTransportCache.set(`u${i}`, 'streamable-http');
    remoteTransportCache.set('u0', 'sse'); // learnt again: now the newest
    remoteTransportCache.set('extra', 'sse');
    expect(remoteTransportCache.get('u0')).toBe('sse');
    expect(remoteTransportCache.get('u1')).toBeUndefined();
    expect(remoteTransportCache.get('extra')).toBe('sse');
  });

  it('falls back on exactly the statuses the specification names', () => {
    expect([...LEGACY_SSE_STATUSES]).toEqual([400, 404, 405]);
  });
});
