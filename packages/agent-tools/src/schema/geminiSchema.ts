import {
  isSchemaObject,
  type JsonSchema,
  jsonTypeOf,
  mapSubschemas,
  SchemaUnsupported,
  typesOf,
  withNote,
} from './jsonSchema.js';
import { mergeSingleAllOf } from './openaiStrictSchema.js';

/**
 * Gemini `FunctionDeclaration.parameters`: the OpenAPI 3.0 Schema subset its API reference lists (type,
 * format, title, description, nullable, enum, items, min/maxItems, properties, required, min/maxProperties,
 * min/maxLength, pattern, minimum, maximum, anyOf, propertyOrdering). So: no `$ref` (a recursive schema is
 * left out), no `additionalProperties` (the API answers "Unknown name"), one type per node (`["string",
 * "null"]` is `nullable: true`, several types an anyOf), `enum` only of strings (other values are named in
 * the description instead), `format` only `enum`/`date-time` for strings, `int32`/`int64`, `float`/`double`;
 * an OBJECT needs non-empty `properties` (a free-form object is left out; a root without properties means
 * "no parameters", which Gemini says by leaving `parameters` out), an ARRAY needs `items`.
 * Returns undefined for a tool without parameters.
 */
const KEPT = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'anyOf',
  'propertyOrdering',
]);
const FORMATS: Record<string, string[]> = {
  string: ['enum', 'date-time'],
  integer: ['int32', 'int64'],
  number: ['float', 'double'],
};

export function geminiSchema(prepared: JsonSchema): JsonSchema | undefined {
  if (prepared.$defs !== undefined)
    throw new SchemaUnsupported('a recursive schema ($ref), which Gemini has no way to say', []);
  const root = geminiNode(prepared, []);
  if (root.type !== 'object') throw new SchemaUnsupported('no object type, which Gemini needs', []);
  return Object.keys((root.properties ?? {}) as object).length === 0 ? undefined : root;
}

function geminiNode(input: unknown, path: string[]): JsonSchema {
  if (!isSchemaObject(input)) throw new SchemaUnsupported('a boolean schema (any value)', path);
  let node = mergeSingleAllOf(input, path);
  if (node.oneOf !== undefined) {
    const { oneOf, ...rest } = node;
    node = { ...rest, anyOf: oneOf };
  }
  if (node.const !== undefined) {
    const { const: value, ...rest } = node;
    node = { ...rest, enum: [value] };
  }
  if (node.default !== undefined) node = withNote(node, `Default: ${JSON.stringify(node.default)}.`);
  node = oneType(node, path);
  node = stringEnum(node);
  node = knownFormat(node);
  const kept = Object.fromEntries(Object.entries(node).filter(([key]) => KEPT.has(key)));
  const mapped = mapSubschemas(kept, path, geminiNode);
  if (
    mapped.type === 'object' &&
    Object.keys((mapped.properties ?? {}) as object).length === 0 &&
    path.length > 0
  )
    throw new SchemaUnsupported('an object without properties, which Gemini refuses', path);
  if (mapped.type === 'array' && mapped.items === undefined)
    throw new SchemaUnsupported('an array without items', path);
  return mapped;
}

/** One type per node: null becomes `nullable`, several types an anyOf of one type each. */
function oneType(node: JsonSchema, path: string[]): JsonSchema {
  if (node.$ref !== undefined)
    throw new SchemaUnsupported('a recursive schema ($ref), which Gemini has no way to say', path);
  let types = typesOf(node);
  if (types.length === 0 && Array.isArray(node.enum)) types = [...new Set(node.enum.map(jsonTypeOf))];
  if (types.length === 0 && node.properties !== undefined) types = ['object'];
  if (types.length === 0 && node.items !== undefined) types = ['array'];
  if (types.length === 0 && node.anyOf === undefined)
    throw new SchemaUnsupported('a value of any type, which Gemini has no way to say', path);
  const nullable = types.includes('null') ? { nullable: true } : {};
  const rest = types.filter((type) => type !== 'null');
  if (rest.length <= 1) return { ...node, ...nullable, ...(rest[0] ? { type: rest[0] } : {}) };
  const { type: _type, enum: values, ...shared } = node;
  return {
    ...shared,
    ...nullable,
    anyOf: rest.map((type) => ({ type })),
    ...(values ? { enum: values } : {}),
  };
}

/** Gemini's enum is for strings; other values are named in the description, where the model still reads them. */
function stringEnum(node: JsonSchema): JsonSchema {
  if (!Array.isArray(node.enum)) return node;
  const values = node.enum.filter((value) => value !== null);
  if (node.type === 'string' && values.every((value) => typeof value === 'string'))
    return { ...node, enum: values };
  const { enum: _enum, ...rest } = node;
  return withNote(rest, `One of: ${values.map((value) => JSON.stringify(value)).join(', ')}.`);
}

function knownFormat(node: JsonSchema): JsonSchema {
  if (node.format === undefined) return node;
  if (FORMATS[String(node.type)]?.includes(String(node.format))) return node;
  const { format: _format, ...rest } = node;
  return rest;
}
