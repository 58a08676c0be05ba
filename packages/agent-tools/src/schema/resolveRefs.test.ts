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
