import { type JsonSchema, SchemaUnsupported, typesOf } from './jsonSchema.js';

/**
 * Function parameters are an object at the root for every target: a root with no type gets
 * `type: "object"` and `properties: {}` when it has none; a root of another type, or a bare anyOf/oneOf of
 * alternatives, cannot be a tool's arguments and is refused.
 */
export function rootObject(schema: JsonSchema, target: string): JsonSchema {
  const types = typesOf(schema);
  if (types.length === 0 && (schema.anyOf !== undefined || schema.oneOf !== undefined))
    throw new SchemaUnsupported(`alternatives (anyOf/oneOf) where ${target} needs one object`, []);
  if (types.length > 0 && !types.includes('object'))
    throw new SchemaUnsupported(`type ${types.join(' or ')} where ${target} needs an object`, []);
  return { ...schema, type: 'object', properties: schema.properties ?? {} };
}
