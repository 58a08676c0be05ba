import { describe, expect, it } from 'vitest';
import { frozenCopy } from './frozenCopy.js';

describe('frozenCopy', () => {
  it('copies JSON data deeply, frozen all through, and leaves the source as it was', () => {
    const source = {
      name: 'echo',
      inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
      tags: ['a', 'b'],
    };
    const copy = frozenCopy(source);
    expect(copy).toEqual(source);
    expect(copy.inputSchema).not.toBe(source.inputSchema);
    expect(Object.isFrozen(copy.inputSchema.properties.text)).toBe(true);
    expect(Object.isFrozen(copy.tags)).toBe(true);
    expect(Object.isFrozen(source.inputSchema)).toBe(false);
  });

  it('keeps shared and circular references as structuredClone does, and clones anything else with it', () => {
    const shared = { type: 'string' };
    const cyclic: Record<string, unknown> = {
      a: shared,
      b: shared,
      when: new Date(0),
      byName: new Map([['x', 1]]),
    };
    cyclic.self = cyclic;
    const copy = frozenCopy(cyclic);
    expect(copy.a).toBe(copy.b);
    expect(copy.self).toBe(copy);
    expect(copy.when).toEqual(new Date(0));
    expect(copy.when).not.toBe(cyclic.when);
    expect(copy.byName).toEqual(new Map([['x', 1]]));
    expect(() => frozenCopy({ run: () => 1 })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });
});
