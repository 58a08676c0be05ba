import { ConfigErrorCode, MCPConfigError, type MCPServerConfig } from '@org/mcp-core';

/** `${user:NAME}`: a value of the view's `variables`, never of the process environment. */
const USER_VARIABLE = /\$\{user:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A user's values of `${user:NAME}`, by name. Secrets: never in logs, errors, status or events. */
export type UserVariables = Readonly<Record<string, string>>;

/**
 * A user-scoped server's config for one user: every `${user:NAME}` in `url`, `headers`, `env` and `args` replaced
 * by that user's value. A name the user has no value for is an MCPConfigError naming the server, the field and
 * the variable (never a value). `used`: the values put in, by name. The config starts on demand and stops after `userIdleTimeout`; it is no
 * longer user-scoped (it is the user's own).
 */
export function userConfigOf(
  server: string,
  config: MCPServerConfig,
  variables: UserVariables,
  idleTimeout: number,
): { config: MCPServerConfig; used: Map<string, string> } {
  const used = new Map<string, string>();
  const fill = (field: string, text: string) =>
    text.replace(USER_VARIABLE, (_reference, name: string) => {
      const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
      if (typeof value === 'string') {
        used.set(name, value);
        return value;
      }
      throw new MCPConfigError(`Server "${server}" needs the user variable \${user:${name}}`, {
        code: ConfigErrorCode.CONFIG_VARIABLE_UNSET,
        issues: [
          {
            path: field,
            message: `\${user:${name}} has no value for this user; pass it in forUser(principal, { variables: { ${name}: … } })`,
          },
        ],
      });
    });
  const record = (field: string, values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fill(`${field}.${k}`, v)]));
  const { scope: _scope, userIdleTimeout: _idle, maxUserConnections: _cap, ...rest } = config;
  const own = { ...rest, start: 'lazy', idleTimeout } as MCPServerConfig;
  if ('url' in own) {
    own.url = fill('url', own.url);
    if (own.headers && typeof own.headers === 'object') own.headers = record('headers', own.headers);
  } else {
    if (own.env) own.env = record('env', own.env);
    if (own.args) own.args = own.args.map((arg, i) => fill(`args.${i}`, arg));
  }
  return { config: own, used };
}
