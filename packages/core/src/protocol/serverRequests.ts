import { JSONRPC_ERROR, MCPProtocolError } from '../errors/errors.js';
import type { Logger } from '../util/logger.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from './jsonrpc.js';
import { handlerFor, type RequestHandlers } from './requestHandlers.js';

/**
 * Requests the server sends the client (`ping`, `roots/list`, `sampling/createMessage`,
 * `elicitation/create`...): each runs its registered handler with a signal that the server's
 * `notifications/cancelled` or the end of the connection aborts; no handler is -32601.
 */
export class ServerRequests {
  private readonly running = new Map<RequestId, AbortController>();

  constructor(
    private readonly handlers: RequestHandlers | undefined,
    private readonly reply: (message: JSONRPCMessage) => void,
    private readonly logger: Logger,
  ) {}

  async receive(request: JSONRPCRequest): Promise<void> {
    const { id, method } = request;
    if (method === 'ping') {
      this.reply({ jsonrpc: '2.0', id, result: {} });
      return;
    }
    const handler = handlerFor(this.handlers, method);
    if (!handler) {
      this.reply({
        jsonrpc: '2.0',
        id,
        error: { code: JSONRPC_ERROR.METHOD_NOT_FOUND, message: `Method not found: ${method}` },
      });
      return;
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      const result = (await handler(request.params, { signal: controller.signal, requestId: id })) ?? {};
      if (!controller.signal.aborted)
        this.reply({ jsonrpc: '2.0', id, result: result as Record<string, unknown> });
    } catch (error) {
      if (controller.signal.aborted) return;
      const code =
        (error instanceof MCPProtocolError ? error.rpcCode : undefined) ?? JSONRPC_ERROR.INTERNAL_ERROR;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ method, err: error }, 'handler for a server request failed');
      this.reply({ jsonrpc: '2.0', id, error: { code, message } });
    } finally {
      this.running.delete(id);
    }
  }

  /** The server cancelled one of its requests. */
  cancel(id: RequestId, reason: Error): void {
    this.running.get(id)?.abort(reason);
  }

  /** The connection is gone: every running handler is aborted. */
  abortAll(reason: Error): void {
    for (const controller of this.running.values()) controller.abort(reason);
    this.running.clear();
  }
}
