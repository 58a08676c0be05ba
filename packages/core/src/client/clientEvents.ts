import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import type { Logger } from '../util/logger.js';
import type { ClientState } from './mcpClient.js';

/**
 * Every event a client emits and the arguments its listeners get: the type parameter of the
 * client's EventEmitter, so a misspelled event or a wrong listener does not compile.
 */
export interface MCPClientEvents {
  /** Every notification the server sends (list changes, logs, progress, resource updates). */
  notification: [notification: JSONRPCNotification];
  /** The connection ended: `reason` is set when it was not `disconnect()`. */
  close: [reason?: Error];
  /**
   * A problem that did not end the connection: a message that is not JSON-RPC, a background
   * stream that failed and is being resumed. Emitted only while someone listens.
   */
  error: [error: Error];
  stateChange: [state: ClientState, previous: ClientState];
  /** The server's tool list changed; the next `getTools()` lists it again. */
  toolsChanged: [];
}

/** What a client hands its transport factory at each connect. */
export interface TransportContext {
  /** The client's child logger (`{ server, transport }`). */
  logger: Logger;
  /** The configured server name, for errors. */
  serverName: string;
}
