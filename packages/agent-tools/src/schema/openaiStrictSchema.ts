import {
  isSchemaObject,
  type JsonSchema,
  jsonTypeOf,
  mapSubschemas,
  SchemaUnsupported,
  typesOf,
  withNote,
} from './jsonSchema.js';

/**
 * OpenAI's strict mode (Structured Outputs, function calling with `strict: true`), as its "Supported schemas"
 * guide states it: the root is an object, not an `anyOf`; every object has `additionalProperties: false` and
 * lists every property in `required` (an optional one becomes "this type or null"); `anyOf` but no `oneOf`,
 * `allOf` or `not`; `$defs` and `$ref`, recursion included; for strings `pattern` and the listed `format`s;
 * for numbers `minimum`, `maximum`, their exclusive forms and `multipleOf`; for arrays `minItems`/`maxItems`;
 * at most 10 levels of nesting, 5000 properties and 1000 enum values.
 * Validation keywords outside that list are dropped (the server still validates the call); what changes
 * the shape of the arguments (a map, a tuple, a value of any type) cannot be said, and the tool is left out.
 */
const KEPT = new Set([
  'type',
  'description',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'enum',
  '$ref',
  '$defs',
  'pattern',
  'format',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'maxItems',
]);
const FORMATS = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);
const STRUCTURAL = ['patternProperties', 'prefixItems', 'dependentSchemas', 'unevaluatedProperties'];
export const OPENAI_STRICT_LIMITS = { depth: 10, properties: 5000, enumValues: 1000 } as const;

export function openaiStrictSchema(prepared: JsonSchema): JsonSchema {
  if (!typesOf(prepared).includes('object') && prepared.properties === undefined)
    throw new SchemaUnsupported('no object type, which strict mode needs', []);
  if (prepared.anyOf !== undefined || prepared.oneOf !== undefined)
    throw new SchemaUnsupported('anyOf at the top level, which strict mode refuses', []);
  const count = { properties: 0 };
  const out = strictNode(prepared, [], 0, count);
  if (count.properties > OPENAI_STRICT_LIMITS.properties)
    throw new SchemaUnsupported(`more than ${OPENAI_STRICT_LIMITS.properties} properties`, []);
  return out;
}

function strictNode(
  input: unknown,
  path: string[],
  depth: number,
  count: { properties: number },
): JsonSchema {
  if (!isSchemaObject(input)) throw new SchemaUnsupported('a boolean schema (any value)', path);
  if (depth > OPENAI_STRICT_LIMITS.depth)
    throw new SchemaUnsupported(`nesting deeper than ${OPENAI_STRICT_LIMITS.depth} levels`, path);
  let node = mergeSingleAllOf(input, path);
  for (const key of STRUCTURAL)
    if (node[key] !== undefined) throw new SchemaUnsupported(`${key}, which strict mode cannot say`, path);
  if (node.oneOf !== undefined) {
    // oneOf is anyOf with "exactly one": the model gets the alternatives, the server checks "exactly".
    const { oneOf, ...rest } = node;
    node = { ...rest, anyOf: oneOf };
  }
  if (node.const !== undefined) {
    const { const: value, ...rest } = node;
    node = { ...rest, enum: [value] };
  }
  if (node.default !== undefined) node = withNote(node, `Default: ${JSON.stringify(node.default)}.`);
  if (Array.isArray(node.enum) && node.enum.length > OPENAI_STRICT_LIMITS.enumValues)
    throw new SchemaUnsupported(`an enum of more than ${OPENAI_STRICT_LIMITS.enumValues} values`, path);
  if (typeof node.format === 'string' && !FORMATS.has(node.format)) {
    const { format: _format, ...rest } = node;
    node = rest;
  }
  node = withInferredType(node, path);
  const kept = Object.fromEntries(Object.entries(node).filter(([key]) => KEPT.has(key)));
  const mapped = mapSubschemas(kept, path, (child, childPath) =>
    strictNode(child, childPath, childPath.at(-2) === 'properties' ? depth + 1 : depth, count),
  );
  if (typesOf(mapped).includes('object')) return strictObject(mapped, node, path, count);
  if (typesOf(mapped).includes('array') && mapped.items === undefined)
    throw new SchemaUnsupported('an array without items', path);
  return mapped;
}

/** `required` lists every property; those the server had as optional become nullable (see dropAddedNulls). */
function strictObject(
  mapped: JsonSchema,
  original: JsonSchema,
  path: string[],
  count: { properties: number },
) {
  const properties = (mapped.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  count.properties += names.length;
  const extra = original.additionalProperties;
  if (isSchemaObject(extra) || (extra !== false && names.length === 0 && path.length > 0))
    throw new SchemaUnsupported('an object with free-form keys (a map), which strict mode cannot say', path);
  const required = new Set(Array.isArray(original.required) ? original.required : []);
  const nullable = Object.fromEntries(
    names.map((name) => [
      name,
      required.has(name) ? properties[name] : orNull(properties[name] as JsonSchema),
    ]),
  );
  return { ...mapped, properties: nullable, required: names, additionalProperties: false };
}

/** "This schema or null", in the form strict mode reads best: a type list when there is one, else anyOf. */
export function orNull(node: JsonSchema): JsonSchema {
  const types = typesOf(node);
  if (types.includes('null')) return node;
  if (types.length > 0 && node.anyOf === undefined) {
    const withNull = { ...node, type: [...types, 'null'] };
    return Array.isArray(node.enum) ? { ...withNull, enum: [...node.enum, null] } : withNull;
  }
  return { anyOf: [node, { type: 'null' }] };
}

/** Strict mode wants a type on every node that is not an anyOf or a $ref. */
function withInferredType(node: JsonSchema, path: string[]): JsonSchema {
  if (node.type !== undefined || node.anyOf !== undefined || node.$ref !== undefined) return node;
  if (node.properties !== undefined) return { ...node, type: 'object' };
  if (node.items !== undefined) return { ...node, type: 'array' };
  if (Array.isArray(node.enum)) return { ...node, type: [...new Set(node.enum.map(jsonTypeOf))] };
  throw new SchemaUnsupported('a value of any type, which strict mode cannot say', path);
}

/** `allOf` of one schema is that schema; more than one would need merging that strict mode cannot check. */
export function mergeSingleAllOf(node: JsonSchema, path: string[]): JsonSchema {
  if (node.allOf === undefined) return node;
  const { allOf, ...rest } = node;
  if (Array.isArray(allOf) && allOf.length === 1 && isSchemaObject(allOf[0])) return { ...allOf[0], ...rest };
  throw new SchemaUnsupported('allOf of several schemas', path);
}
