import { MCPConfigError } from '@org/mcp-core';
import type { ViewHost } from './userRoute.js';
import { MCPUserView, type UserViewOptions } from './userView.js';

/**
 * A view for `principal` (manager.forUser): the principal a non-empty string, each variable a string; a bad one
 * is an MCPConfigError naming it (never a value). The variables are copied: a later change by the caller is not seen.
 */
export function userView(host: ViewHost, principal: string, options: UserViewOptions): MCPUserView {
  if (typeof principal !== 'string' || principal.length === 0)
    throw new MCPConfigError('forUser(principal) needs a principal: a non-empty string naming the end user');
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.variables ?? {})) {
    if (typeof value !== 'string')
      throw new MCPConfigError(`forUser("${principal}") was given a variable ${name} that is not a string`);
    variables[name] = value;
  }
  return new MCPUserView(host, principal, Object.freeze(variables));
}
