/** A JSON Schema (or a boolean schema), as a plain JSON value: targets read and rebuild it key by key. */
export type JsonSchema = { [key: string]: unknown };

/** Why a tool's schema cannot be sent to a target: caught per tool and turned into a warning. */
export class SchemaUnsupported extends Error {
  constructor(reason: string, path: readonly string[]) {
    super(`${reason} (at ${path.length > 0 ? path.join('.') : 'the root'})`);
  }
}

export function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keywords whose values are one subschema, a list of them, or a map of them. */
const ONE = ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else', 'propertyNames'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/** How deep a schema may nest (path segments) before it is refused, so that no walk runs out of stack. */
export const MAX_SCHEMA_PATH = 256;

/**
 * A copy of `node` with every direct subschema replaced by `map(child, path)`: the one walk every target's
 * adapter reuses, so that each adapter only says what it does to a node.
 */
export function mapSubschemas(
  node: JsonSchema,
  path: readonly string[],
  map: (child: unknown, path: string[]) => unknown,
): JsonSchema {
  if (path.length > MAX_SCHEMA_PATH)
    throw new SchemaUnsupported(`nesting deeper than ${MAX_SCHEMA_PATH} steps`, []);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (ONE.includes(key) && (isSchemaObject(value) || typeof value === 'boolean'))
      out[key] = isSchemaObject(value) ? map(value, [...path, key]) : value;
    else if (ONE.includes(key) && Array.isArray(value))
      out[key] = value.map((child, i) => map(child, [...path, key, String(i)]));
    else if (LIST.includes(key) && Array.isArray(value))
      out[key] = value.map((child, i) => map(child, [...path, key, String(i)]));
    else if (MAP.includes(key) && isSchemaObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, map(child, [...path, key, name])]),
      );
    else out[key] = value;
  }
  return out;
}

/** The types a node allows, from `type` (a string or a list); empty when it does not say. */
export function typesOf(node: JsonSchema): string[] {
  const { type } = node;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** The JSON type of an enum or const value, as JSON Schema names it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Appends a sentence to a node's description: what a target cannot say as a keyword, the model still reads. */
export function withNote(node: JsonSchema, note: string): JsonSchema {
  const description = typeof node.description === 'string' && node.description ? `${node.description} ` : '';
  return { ...node, description: `${description}${note}` };
}
