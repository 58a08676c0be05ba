import { isSchemaObject, type JsonSchema, mapSubschemas, SchemaUnsupported } from './jsonSchema.js';

/**
 * The schema with every local `$ref` replaced by what it points at, so that targets that have no `$ref`
 * (Gemini) or handle it in their own way see plain subschemas. A reference that leads back into itself
 * (a tree, a linked list) cannot be inlined: it stays a `$ref` to `#/$defs/<name>`, with its definition
 * under the root's `$defs`, for the targets that take recursion to keep and the others to refuse.
 * A reference to another document is refused: nothing is fetched.
 */
export function resolveRefs(root: JsonSchema): JsonSchema {
  const recursive = new Map<string, string>(); // pointer → name under $defs
  let expansions = 0;
  const inline = (node: unknown, path: string[], stack: readonly string[]): unknown => {
    if (!isSchemaObject(node)) return node;
    const { $ref, ...siblings } = node;
    if (typeof $ref === 'string') {
      // Definitions that use each other twice over grow exponentially when inlined: bounded.
      if (++expansions > MAX_REF_EXPANSIONS)
        throw new SchemaUnsupported(`references that expand more than ${MAX_REF_EXPANSIONS} times`, path);
      if (stack.includes($ref)) return { ...siblings, $ref: `#/$defs/${defName($ref, recursive)}` };
      const target = pointAt(root, $ref, path);
      const resolved = inline(target, path, [...stack, $ref]);
      // Keywords beside a $ref (a description, most often) apply too; the caller's win.
      return isSchemaObject(resolved)
        ? { ...resolved, ...strip(inlineChildren(siblings, path, stack)) }
        : resolved;
    }
    return strip(inlineChildren(node, path, stack));
  };
  const inlineChildren = (node: JsonSchema, path: string[], stack: readonly string[]) =>
    mapSubschemas(node, path, (child, childPath) => inline(child, childPath, stack));

  const result = inline(root, [], ['#']) as JsonSchema;
  // Definitions of recursive references, each inlined in turn (which may find more).
  const defs: JsonSchema = {};
  for (let done = 0; done < recursive.size; done++) {
    const [pointer, name] = [...recursive][done] as [string, string];
    defs[name] = inline(pointAt(root, pointer, ['$defs', name]), ['$defs', name], [pointer]);
  }
  return recursive.size > 0 ? { ...result, $defs: defs } : result;
}

/** How many `$ref`s one schema may inline. */
export const MAX_REF_EXPANSIONS = 10_000;

/** Definitions are inlined where they are used: the copies no longer carry them. */
function strip(node: JsonSchema): JsonSchema {
  const { $defs: _defs, definitions: _definitions, ...rest } = node;
  return rest;
}

function defName(pointer: string, names: Map<string, string>): string {
  let name = names.get(pointer);
  if (name === undefined) {
    const last = pointer === '#' ? 'root' : (pointer.split('/').pop() ?? 'def');
    const taken = new Set(names.values());
    name = last;
    for (let i = 2; taken.has(name); i++) name = `${last}_${i}`;
    names.set(pointer, name);
  }
  return name;
}

/** Follows a local JSON pointer (`#/$defs/x`, `#/definitions/x`, `#/properties/a`, `#`). */
function pointAt(root: JsonSchema, pointer: string, path: readonly string[]): unknown {
  if (!pointer.startsWith('#')) throw new SchemaUnsupported(`a $ref to another document (${pointer})`, path);
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchemaObject(node) || Array.isArray(node) ? (node as JsonSchema)[key] : undefined;
    if (node === undefined) throw new SchemaUnsupported(`a $ref to nothing (${pointer})`, path);
  }
  return node;
}
