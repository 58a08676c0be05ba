import { isSchemaObject, type JsonSchema, typesOf } from './schema/jsonSchema.js';

/**
 * Strict mode makes every optional property "its type or null", so a model leaves one out by sending null.
 * The server never asked for that null: this removes it again where the server's own schema (prepared,
 * refs inlined) has the property optional and not nullable, before the call goes out.
 */
export function dropAddedNulls(value: unknown, schema: JsonSchema, defs: JsonSchema = schema): unknown {
  const node = resolved(schema, defs);
  if (Array.isArray(value) && isSchemaObject(node.items))
    return value.map((item) => dropAddedNulls(item, node.items as JsonSchema, defs));
  if (!isSchemaObject(value) || !isSchemaObject(node.properties)) return value;
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = node.properties[key];
    if (!isSchemaObject(property)) out[key] = item;
    else if (item === null && !required.has(key) && !allowsNull(resolved(property, defs))) continue;
    else out[key] = dropAddedNulls(item, property, defs);
  }
  return out;
}

function resolved(node: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return node;
  const target = (root.$defs as JsonSchema | undefined)?.[ref.slice('#/$defs/'.length)];
  return isSchemaObject(target) ? target : node;
}

function allowsNull(node: JsonSchema): boolean {
  if (typesOf(node).includes('null')) return true;
  const alternatives = [node.anyOf, node.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
  return alternatives.some((alt) => isSchemaObject(alt) && typesOf(alt).includes('null'));
}
