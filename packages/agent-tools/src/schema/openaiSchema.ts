import { isSchemaObject, type JsonSchema, mapSubschemas, typesOf } from './jsonSchema.js';
import { rootObject } from './rootObject.js';

/**
 * OpenAI function parameters without strict mode: JSON Schema as written, with the two things the API
 * refuses fixed: the root is `type: "object"` (rootObject), and an array has `items` ("array schema
 * missing items" otherwise; `{}` means any item). `$defs` with `$ref` are taken, so recursion stays.
 */
export function openaiSchema(prepared: JsonSchema): JsonSchema {
  return withItems(rootObject(prepared, 'OpenAI'), []) as JsonSchema;
}

function withItems(node: unknown, path: string[]): unknown {
  if (!isSchemaObject(node)) return node;
  const mapped = mapSubschemas(node, path, withItems);
  return typesOf(mapped).includes('array') && mapped.items === undefined ? { ...mapped, items: {} } : mapped;
}
