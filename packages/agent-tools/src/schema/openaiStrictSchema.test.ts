import { describe, expect, it } from 'vitest';
import { OPENAI_STRICT_LIMITS, openaiStrictSchema } from './openaiStrictSchema.js';

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('openaiStrictSchema', () => {
  it('makes every property required, optional ones nullable, and closes every object', () => {
    expect(
      openaiStrictSchema({ ...object({ a: { type: 'string' }, b: { $ref: '#/$defs/b' } }), required: ['a'] }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { anyOf: [{ $ref: '#/$defs/b' }, { type: 'null' }] } },
      required: ['a', 'b'],
      additionalProperties: false,
    });
  });

  it(`refuses nesting past ${OPENAI_STRICT_LIMITS.depth} levels and enums past ${OPENAI_STRICT_LIMITS.enumValues} values`, () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i <= OPENAI_STRICT_LIMITS.depth; i++) deep = object({ x: deep });
    expect(() => openaiStrictSchema(deep)).toThrow(/nesting deeper than 10 levels/);
    const values = Array.from({ length: OPENAI_STRICT_LIMITS.enumValues + 1 }, (_, i) => `v${i}`);
    expect(() => openaiStrictSchema(object({ e: { type: 'string', enum: values } }))).toThrow(
      /more than 1000 values/,
    );
  });

  it('refuses what changes the shape of the arguments, and says where', () => {
    expect(() =>
      openaiStrictSchema(object({ t: { type: 'array', prefixItems: [{ type: 'string' }] } })),
    ).toThrow('prefixItems, which strict mode cannot say (at properties.t)');
    expect(() => openaiStrictSchema(object({ any: {} }))).toThrow(
      'a value of any type, which strict mode cannot say (at properties.any)',
    );
    expect(() =>
      openaiStrictSchema(object({ both: { allOf: [{ type: 'string' }, { minLength: 2 }] } })),
    ).toThrow(/allOf of several schemas/);
  });
});
