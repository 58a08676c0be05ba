import { AuthErrorCode, ManagerErrorCode, MCPAuthError, MCPConnectionError } from '@org/mcp-core';

/** What a call to a server waiting in `needs-auth` fails with, at once (for a call to `tool`, if given). */
export function needsAuthError(name: string, lastError: Error | undefined, tool?: string): MCPAuthError {
  const subject = tool
    ? `No connected server offers "${tool}" now: its server "${name}"`
    : `Server "${name}"`;
  return new MCPAuthError(
    AuthErrorCode.AUTH_REQUIRED,
    `${subject} needs authorization; call manager.authorize("${name}") to run the flow.`,
    { serverName: name, cause: lastError },
  );
}

/** authorize() on a server that has no OAuth: stdio, or `oauth: false`. */
export function notOAuthError(name: string): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.NOT_OAUTH_SERVER,
    `Server "${name}" does not use OAuth (a stdio server, or "oauth": false in its config); there is nothing to authorize.`,
    { serverName: name },
  );
}
