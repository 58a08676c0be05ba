import { ConfigErrorCode, MCPConfigError } from '@org/mcp-core';

/** The environment variables are looked up in. */
export type VariableEnv = Record<string, string | undefined>;

/** A reference that could not be expanded. Carries names and positions, never values. */
export interface VariableProblem {
  /**
   * `unset`: no such variable and no default; `malformed`: `${` not followed by a name and `}`;
   * `unsupported`: a VS Code `${input:...}` prompt with no value in `inputs` (an editor would prompt for it);
   * `user`: a `${user:NAME}` where no user gives one (outside a user-scoped server's url, headers, env and args).
   */
  kind: 'unset' | 'malformed' | 'unsupported' | 'user';
  /** The variable's name, for `unset` and `unsupported`. */
  variable?: string;
  /** 0-based offset of the `${` in the text. */
  offset: number;
}

export interface ExpandVariablesOptions {
  /**
   * Values of VS Code's `${input:id}` variables by id (what the editor would prompt for, from the config's
   * `inputs`). Values are secrets: never named in errors. Default: none, so each `${input:id}` is a problem.
   */
  inputs?: VariableEnv;
  /**
   * Called for each reference that cannot be expanded; the reference becomes an empty string.
   * Default: throw an `MCPConfigError` naming the variable.
   */
  onProblem?: (problem: VariableProblem) => void;
  /**
   * Keep each `${user:NAME}` as written: a user-scoped server's value, filled per user by the manager
   * (`manager.forUser(principal, { variables })`), never from the environment. Default false: it is a problem.
   */
  keepUserVariables?: boolean;
}

const REFERENCE = /^(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;
const USER_REFERENCE = /^user:[A-Za-z_][A-Za-z0-9_]*$/;

/** What to tell the user about a problem; shared with the config parser. */
export function describeVariableProblem(problem: VariableProblem): string {
  switch (problem.kind) {
    case 'unset':
      return `variable ${problem.variable} is not set; set it, or give a default with \${${problem.variable}:-default}`;
    case 'user':
      return `user variable \${${problem.variable}} is only taken in a user-scoped server's url, headers, env and args ("scope": "user"), where each user gives its value`;
    case 'unsupported':
      return `VS Code input variable ${problem.variable} has no value; pass it in the \`inputs\` option by its id, or put the value in an environment variable and write \${env:NAME}`;
    default:
      return `malformed variable reference at character ${problem.offset + 1}; write \${NAME}, \${NAME:-default} or \${env:NAME}, or $\${ for a literal \${`;
  }
}

/**
 * Expands `${VAR}`, `${VAR:-default}` (default when unset or empty) and `${env:VAR}` (VS Code's
 * spelling) in `text`; `$${` is a literal `${`. The default is taken literally and cannot hold `}`.
 * `$VAR` without braces is left alone.
 */
export function expandVariables(
  text: string,
  env: VariableEnv = process.env,
  options: ExpandVariablesOptions = {},
): string {
  const onProblem =
    options.onProblem ??
    ((problem: VariableProblem) => {
      throw new MCPConfigError(
        `Cannot expand ${problem.variable ? `\${${problem.variable}}` : 'a variable'}`,
        {
          code:
            problem.kind === 'unset' ? ConfigErrorCode.CONFIG_VARIABLE_UNSET : ConfigErrorCode.CONFIG_INVALID,
          issues: [{ path: '', message: describeVariableProblem(problem) }],
        },
      );
    });
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    const start = text.indexOf('$', pos);
    if (start < 0) break;
    out += text.slice(pos, start);
    if (text.startsWith('$${', start)) {
      out += '${';
      pos = start + 3;
      continue;
    }
    if (text[start + 1] !== '{') {
      out += '$';
      pos = start + 1;
      continue;
    }
    const close = text.indexOf('}', start + 2);
    const body = close < 0 ? '' : text.slice(start + 2, close);
    pos = close < 0 ? text.length : close + 1;
    const match = REFERENCE.exec(body);
    const user = USER_REFERENCE.exec(body);
    if (user) {
      if (options.keepUserVariables) out += `\${${body}}`;
      else onProblem({ kind: 'user', variable: body, offset: start });
      continue;
    }
    if (!match) {
      const id = /^input:([\w.-]+)$/.exec(body)?.[1];
      const value =
        id !== undefined && options.inputs && Object.hasOwn(options.inputs, id)
          ? options.inputs[id]
          : undefined;
      if (value !== undefined) out += value;
      else
        onProblem(
          id !== undefined
            ? { kind: 'unsupported', variable: `input:${id}`, offset: start }
            : { kind: 'malformed', offset: start },
        );
      continue;
    }
    const [, name = '', fallback] = match;
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value !== undefined && (fallback === undefined || value !== '')) out += value;
    else if (fallback !== undefined) out += fallback;
    else onProblem({ kind: 'unset', variable: name, offset: start });
  }
  return out + text.slice(pos);
}
