/**
 * Each target's rule for a function name, as its API reference states it. The manager's qualified names
 * (`^[a-zA-Z0-9_-]{1,64}$`) pass all of them except Gemini's first character; one client's own names
 * (MCP allows `.` and up to 128 characters) may not. A name that breaks the rule is left out with a
 * warning rather than renamed: a renamed tool would be a name the user never sees in listTools().
 */
export const TOOL_NAME_RULES = {
  /** Chat Completions and Responses: `^[a-zA-Z0-9_-]{1,64}$`. */
  openai: /^[a-zA-Z0-9_-]{1,64}$/,
  /** Messages API `tools[].name`: `^[a-zA-Z0-9_-]{1,64}$`. */
  anthropic: /^[a-zA-Z0-9_-]{1,64}$/,
  /** FunctionDeclaration.name: starts with a letter or `_`; letters, digits, `_ . : -`; at most 64. */
  gemini: /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/,
} as const;

export type NameRule = keyof typeof TOOL_NAME_RULES;

/** Why `name` breaks the rule, or undefined when it keeps it. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  if (TOOL_NAME_RULES[rule].test(name)) return undefined;
  return name.length > 64
    ? `its name is ${name.length} characters long, over the limit of 64`
    : `its name does not match ${TOOL_NAME_RULES[rule]}`;
}
