import { describe, expect, it } from 'vitest';
import { SchemaUnsupported } from './jsonSchema.js';
import { resolveRefs } from './resolveRefs.js';

describe('resolveRefs', () => {
  it('inlines $defs, definitions and other local pointers, with the keywords beside a $ref kept', () => {
    expect(
      resolveRefs({
        type: 'object',
        $defs: { id: { type: 'string', description: 'an id' } },
        definitions: { n: { type: 'integer' } },
        properties: {
          a: { $ref: '#/$defs/id', description: 'the a' },
          b: { $ref: '#/definitions/n' },
          c: { $ref: '#/properties/b' },
          'd/e': { type: 'boolean' },
          f: { $ref: '#/properties/d~1e' },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', description: 'the a' },
        b: { type: 'integer' },
        c: { type: 'integer' },
        'd/e': { type: 'boolean' },
        f: { type: 'boolean' },
      },
    });
  });

  it('keeps a recursive reference as a $ref into $defs, including one to the root', () => {
    const out = resolveRefs({
      type: 'object',
      properties: { next: { $ref: '#' }, item: { $ref: '#/$defs/item' } },
      $defs: {
        item: { type: 'object', properties: { parts: { type: 'array', items: { $ref: '#/$defs/item' } } } },
      },
    });
    expect(out.properties).toEqual({
      next: { $ref: '#/$defs/root' },
      item: { type: 'object', properties: { parts: { type: 'array', items: { $ref: '#/$defs/item' } } } },
    });
    expect(Object.keys(out.$defs as object).sort()).toEqual(['item', 'root']);
  });

  it('refuses a reference to another document or to nothing, naming where', () => {
    expect(() => resolveRefs({ properties: { a: { $ref: 'other.json#/x' } } })).toThrow(
      new SchemaUnsupported('a $ref to another document (other.json#/x)', ['properties', 'a']),
    );
    expect(() => resolveRefs({ properties: { a: { $ref: '#/$defs/missing' } } })).toThrow(
      /a \$ref to nothing/,
    );
  });
});

describe('resolveRefs on hostile schemas', () => {
  it('refuses definitions that expand exponentially, and nesting that would run out of stack', () => {
    const defs: Record<string, unknown> = { d0: { type: 'string' } };
    for (let i = 1; i <= 20; i++)
      defs[`d${i}`] = {
        type: 'object',
        properties: { a: { $ref: `#/$defs/d${i - 1}` }, b: { $ref: `#/$defs/d${i - 1}` } },
      };
    expect(() =>
      resolveRefs({ type: 'object', $defs: defs, properties: { x: { $ref: '#/$defs/d20' } } }),
    ).toThrow(/references that expand more than 10000 times/);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 1000; i++) deep = { type: 'object', properties: { x: deep } };
    expect(() => resolveRefs(deep)).toThrow(/nesting deeper than 256 steps/);
  });
});
