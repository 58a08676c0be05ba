import { isSchemaObject, type JsonSchema, mapSubschemas, typesOf } from './jsonSchema.js';
import { resolveRefs } from './resolveRefs.js';

/** A tool with no inputSchema takes no arguments. */
const NO_ARGUMENTS: JsonSchema = { type: 'object', properties: {} };

/**
 * What every target starts from: the tool's input schema with local `$ref`s inlined (resolveRefs) and
 * OpenAPI's `nullable: true`, which some servers write, turned into the JSON Schema it means (a type with
 * `null`), so that each target has one way of saying "may be null" to translate.
 */
export function prepareSchema(inputSchema: JsonSchema | undefined): JsonSchema {
  return resolveRefs(nullableAsType(inputSchema ?? NO_ARGUMENTS) as JsonSchema);
}

function nullableAsType(node: unknown, path: string[] = []): unknown {
  if (!isSchemaObject(node)) return node;
  const { nullable, ...rest } = mapSubschemas(node, path, nullableAsType);
  if (nullable !== true) return nullable === undefined ? rest : { ...rest, nullable };
  const types = typesOf(rest);
  if (types.length === 0) return { anyOf: [rest, { type: 'null' }] };
  return types.includes('null') ? rest : { ...rest, type: [...types, 'null'] };
}
