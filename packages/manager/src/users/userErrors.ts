import { ManagerErrorCode, MCPConnectionError } from '@org/mcp-core';

/** A user-scoped server used through the manager itself, which has no user. */
export function userScopedError(name: string): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.USER_SCOPED_SERVER,
    `Server "${name}" is user-scoped ("scope": "user"): it has one connection per user; call it through manager.forUser(principal).`,
    { serverName: name },
  );
}

/** A new user's connection with `cap` connections open and none idle to close. */
export function userConnectionLimitError(name: string, cap: number): MCPConnectionError {
  return new MCPConnectionError(
    ManagerErrorCode.USER_CONNECTION_LIMIT,
    `Server "${name}" has ${cap} user connections (maxUserConnections), each with a call in flight; the call was not sent. Try again when one is idle, or raise maxUserConnections.`,
    { serverName: name },
  );
}
