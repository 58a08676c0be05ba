import { type JsonSchema, SchemaUnsupported } from './jsonSchema.js';
import { rootObject } from './rootObject.js';

/**
 * Anthropic Messages `input_schema`: JSON Schema (draft 2020-12) with `type: "object"` at the root; the API
 * answers "input_schema does not support oneOf, allOf, or anyOf at the top level", so a root alternative is
 * left out. Everything below the root passes as written ($defs/$ref, formats, defaults, additionalProperties).
 */
export function anthropicSchema(prepared: JsonSchema): JsonSchema {
  for (const key of ['oneOf', 'anyOf', 'allOf'])
    if (prepared[key] !== undefined)
      throw new SchemaUnsupported(`${key} at the top level, which Anthropic refuses`, []);
  return rootObject(prepared, 'Anthropic');
}
