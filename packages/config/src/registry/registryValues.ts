import type { RegistryArgument, RegistryInput, RegistryKeyValue } from './registryServerSchema.js';

type Variables = Record<string, RegistryInput> | undefined;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Text of the server.json as config text: `${` becomes `$${`, so that expansion leaves it as written. */
export function literal(text: string): string {
  return text.replaceAll('${', () => '$${'); // a function: in a replacement string, $$ means one $
}

/** The variable a user sets for a value with no name of its own: `X-API-Key` → `X_API_KEY`, `--port` → `PORT`. */
export function variableName(label: string): string {
  if (ENV_NAME.test(label) && label === label.toUpperCase()) return label;
  const name = label
    .replace(/^-+/, '')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toUpperCase();
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

/**
 * An input as config text: its fixed `value` (each `{placeholder}` an input of `variables`, resolved the same
 * way); else a reference to `name`, `${NAME:-default}` with a default, `${NAME}` when required (so the usual
 * expansion and its unset-variable error apply); else undefined: an optional input without a default is left out.
 */
export function inputText(
  input: RegistryInput & { variables?: Variables },
  name: string,
): string | undefined {
  if (input.value !== undefined) return withPlaceholders(input.value, input.variables);
  // A default cannot hold `}` inside `${NAME:-…}`; such a default is used as it is.
  if (input.default !== undefined)
    return input.default.includes('}') ? literal(input.default) : `\${${name}:-${input.default}}`;
  return input.isRequired ? `\${${name}}` : undefined;
}

/** `text` with each `{id}` of `variables` replaced (an optional one without a default by `${ID:-}`). */
export function withPlaceholders(text: string, variables: Variables): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(/\{([^{}]+)\}/g)) {
    const id = match[1] as string;
    const variable = variables?.[id];
    if (variable === undefined) continue; // not one of its variables: stays as written
    const name = variableName(id);
    out += literal(text.slice(from, match.index)) + (inputText(variable, name) ?? `\${${name}:-}`);
    from = match.index + match[0].length;
  }
  return out + literal(text.slice(from));
}

/**
 * The words of `runtimeArguments` or `packageArguments`: a positional one is its value; a named one is its flag and
 * its value, or the flag alone for a boolean that is on (`"format": "boolean"`, value or default `"true"`).
 * An optional argument without a value or default is left out; a repeated one is given once.
 */
export function argumentWords(args: readonly RegistryArgument[] = []): string[] {
  return args.flatMap((arg) => {
    if (arg.type === 'positional') {
      const text = inputText(arg, variableName(arg.valueHint ?? 'argument'));
      return text === undefined ? [] : [text];
    }
    if (arg.format === 'boolean') return (arg.value ?? arg.default) === 'true' ? [literal(arg.name)] : [];
    const text = inputText(arg, variableName(arg.name));
    return text === undefined ? [] : [literal(arg.name), text];
  });
}

/** Environment variables or headers by name, each as `inputText` makes it; optional ones without a value left out. */
export function keyValues(
  entries: readonly RegistryKeyValue[] = [],
  nameOf: (key: string) => string,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const entry of entries) {
    const text = inputText(entry, nameOf(entry.name));
    if (text !== undefined) values[entry.name] = text;
  }
  return values;
}

/** An environment variable is referred to by its own name (when it is one a shell could set). */
export const envVariableName = (key: string) => (ENV_NAME.test(key) ? key : variableName(key));
