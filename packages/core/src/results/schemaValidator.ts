import { createRequire } from 'node:module';
import type { Validator } from '@cfworker/json-schema';

/**
 * JSON Schema 2020-12 checks of what servers and handlers produce (tool output, elicitation
 * answers), through @cfworker/json-schema: no compile step (a validator is ready in ~25 µs, where
 * Ajv's compile takes milliseconds per schema), no dependencies, and it never fetches a `$ref`
 * from the network. One validator per schema object, kept as long as the schema is.
 */
export type SchemaCheck = (value: unknown) => string | undefined;

const checks = new WeakMap<object, SchemaCheck>();

// Loaded at the first schema compiled (a tool with an outputSchema called, an elicitation answered),
// never at import: through require, so the check stays synchronous on the result path.
let validatorClass: typeof Validator | undefined;
function loadValidator(): typeof Validator {
  validatorClass ??= (
    createRequire(import.meta.url)('@cfworker/json-schema') as typeof import('@cfworker/json-schema')
  ).Validator;
  return validatorClass;
}

/** The check for `schema`: undefined when `value` conforms, else where and why it does not. */
export function schemaCheck(schema: object): SchemaCheck {
  let check = checks.get(schema);
  if (!check) {
    check = compile(schema);
    checks.set(schema, check);
  }
  return check;
}

function compile(schema: object): SchemaCheck {
  // A copy: the schema belongs to the caller (a listed tool), and a validator keeps what it is given.
  const copy = structuredClone(schema);
  const Validator = loadValidator();
  let fast: Validator;
  let detailed: Validator;
  try {
    fast = new Validator(copy, '2020-12', true);
    detailed = new Validator(copy, '2020-12', false);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return () => `the schema cannot be used (${why})`;
  }
  return (value) => {
    try {
      if (fast.validate(value).valid) return undefined;
      // The deepest error names the field; the first ones only say that a parent did not match.
      const errors = detailed.validate(value).errors;
      const deepest = errors.reduce((a, b) =>
        b.instanceLocation.length >= a.instanceLocation.length ? b : a,
      );
      const at = deepest.instanceLocation.replace(/^#\/?/, '').replaceAll('/', '.') || '(root)';
      return `${at}: ${deepest.error}`;
    } catch (error) {
      // An unresolved $ref surfaces at validation: local references only, never fetched.
      return `the schema cannot be used (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
  };
}
