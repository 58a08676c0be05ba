// Each target's documented rules as checks, applied to every definition the package sends: what the API
// would refuse, stated once here, so that no golden file can hold a schema the target rejects.

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every subschema with its path. */
function* walk(node: unknown, path = '$'): Generator<[Node, string]> {
  if (!isNode(node)) return;
  yield [node, path];
  for (const key of ['items', 'additionalProperties', 'not'])
    if (isNode(node[key])) yield* walk(node[key], `${path}.${key}`);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'])
    if (Array.isArray(node[key]))
      for (const [i, c] of (node[key] as unknown[]).entries()) yield* walk(c, `${path}.${key}[${i}]`);
  for (const key of ['properties', '$defs'])
    if (isNode(node[key]))
      for (const [k, c] of Object.entries(node[key] as Node)) yield* walk(c, `${path}.${key}.${k}`);
}

const types = (n: Node) =>
  typeof n.type === 'string' ? [n.type] : Array.isArray(n.type) ? (n.type as string[]) : [];

/** OpenAI "Supported schemas" for Structured Outputs / strict function calling. */
export function openaiStrictViolations(schema: Node): string[] {
  const allowed = new Set([
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
  const formats = new Set([
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
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push('$: root is not type object');
  if (schema.anyOf) problems.push('$: root anyOf');
  for (const [node, path] of walk(schema)) {
    for (const key of Object.keys(node)) if (!allowed.has(key)) problems.push(`${path}: keyword ${key}`);
    if (typeof node.format === 'string' && !formats.has(node.format))
      problems.push(`${path}: format ${node.format}`);
    if (!node.type && !node.anyOf && !node.$ref) problems.push(`${path}: no type`);
    if (types(node).includes('object')) {
      if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties is not false`);
      const keys = Object.keys((node.properties ?? {}) as Node).sort();
      const required = [...((node.required ?? []) as string[])].sort();
      if (JSON.stringify(keys) !== JSON.stringify(required))
        problems.push(`${path}: not every property is required`);
    }
    if (types(node).includes('array') && !isNode(node.items)) problems.push(`${path}: array without items`);
  }
  return problems;
}

/** OpenAI function parameters without strict mode: an object root, arrays with items. */
export function openaiViolations(schema: Node): string[] {
  const problems = schema.type === 'object' ? [] : ['$: root is not type object'];
  for (const [node, path] of walk(schema))
    if (types(node).includes('array') && node.items === undefined)
      problems.push(`${path}: array without items`);
  return problems;
}

/** Anthropic input_schema: type object at the root, no oneOf/anyOf/allOf at the top level. */
export function anthropicViolations(schema: Node): string[] {
  const problems = schema.type === 'object' ? [] : ['$: root is not type object'];
  for (const key of ['oneOf', 'anyOf', 'allOf'])
    if (schema[key] !== undefined) problems.push(`$: ${key} at the top level`);
  return problems;
}

/** Gemini FunctionDeclaration.parameters: the OpenAPI Schema subset of its API reference. */
export function geminiViolations(schema: Node): string[] {
  const allowed = new Set([
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
  const formats: Record<string, string[]> = {
    string: ['enum', 'date-time'],
    integer: ['int32', 'int64'],
    number: ['float', 'double'],
  };
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push('$: root is not type object');
  for (const [node, path] of walk(schema)) {
    for (const key of Object.keys(node)) if (!allowed.has(key)) problems.push(`${path}: keyword ${key}`);
    if (node.type !== undefined && typeof node.type !== 'string')
      problems.push(`${path}: type is not one string`);
    if (node.format !== undefined && !formats[String(node.type)]?.includes(String(node.format)))
      problems.push(`${path}: format ${node.format}`);
    if (
      node.enum !== undefined &&
      (node.type !== 'string' || !(node.enum as unknown[]).every((v) => typeof v === 'string'))
    )
      problems.push(`${path}: enum that is not of strings`);
    if (node.type === 'object' && Object.keys((node.properties ?? {}) as Node).length === 0)
      problems.push(`${path}: object without properties`);
    if (node.type === 'array' && !isNode(node.items)) problems.push(`${path}: array without items`);
    if (!node.type && !node.anyOf) problems.push(`${path}: no type`);
  }
  return problems;
}
