import type { Logger } from '../util/logger.js';
import type { JSONRPCNotification } from './jsonrpc.js';
import type { RequestHandlers } from './requestHandlers.js';
import type { RequestObserver } from './requestObserver.js';

export interface ProtocolEngineOptions {
  serverName?: string | undefined;
  logger: Logger;
  requestTimeout?: number;
  handlers?: RequestHandlers;
  onNotification?: (notification: JSONRPCNotification) => void;
  /** A problem the transport reports that did not end the connection. Default: logged. */
  onTransportError?: (error: Error) => void;
  /** The transport went away on its own (not through `close`). */
  onTransportClose?: (reason: Error) => void;
  /** Sees each request sent, and may add `_meta` keys (trace context). */
  observeRequest?: RequestObserver | undefined;
}
