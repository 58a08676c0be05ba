import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPConnectionError } from '../errors/errors.js';
import type { ClientState } from './mcpClient.js';

/** connect() while a disconnect is still under way. */
export function stillClosing(serverName: string): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.CLIENT_CLOSING,
    `Server "${serverName}" is disconnecting; connect again once it has closed.`,
    { serverName },
  );
}

/** What a connect under way fails with when disconnect() cancels it. */
export function connectCancelled(serverName: string): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.CLIENT_CLOSED,
    `Connect to server "${serverName}" was cancelled by disconnect().`,
    { serverName },
  );
}

/** What the requests still pending fail with on disconnect(). */
export function disconnected(serverName: string): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.CLIENT_CLOSED,
    `Server "${serverName}" was disconnected by the client.`,
    {
      serverName,
    },
  );
}

/** A request while the client is not connected, naming the state it is in. */
export function notConnected(method: string, serverName: string, state: ClientState): MCPConnectionError {
  return new MCPConnectionError(
    CoreErrorCode.NOT_CONNECTED,
    `Cannot send "${method}": server "${serverName}" is ${state}. Call connect() first.`,
    { serverName },
  );
}
