import { describe, expect, it } from 'vitest';
import { RecentHeaders } from './recentHeaders.js';

describe('RecentHeaders', () => {
  it('starts with the initial set and an empty one before it', () => {
    const recent = new RecentHeaders({ authorization: 'Bearer one' });
    expect(recent.latest).toEqual({ authorization: 'Bearer one' });
    expect(recent.known).toEqual([{ authorization: 'Bearer one' }, {}]);
  });

  it('keeps the latest set and the one before when the values change, and drops the older', () => {
    const recent = new RecentHeaders();
    expect(recent.update({ authorization: 'Bearer one' })).toBe(true);
    expect(recent.update({ authorization: 'Bearer two' })).toBe(true);
    expect(recent.update({ authorization: 'Bearer three' })).toBe(true);
    expect(recent.known).toEqual([{ authorization: 'Bearer three' }, { authorization: 'Bearer two' }]);
  });

  it('changes nothing for the same object or the same values', () => {
    const first = { authorization: 'Bearer one' };
    const recent = new RecentHeaders();
    recent.update(first);
    expect(recent.update(first)).toBe(false);
    expect(recent.update({ Authorization: 'Bearer one' })).toBe(false);
    expect(recent.latest).toBe(first);
    expect(recent.known).toEqual([first, {}]);
  });
});
