import type { RequestId } from './jsonrpc.js';

/** Context given to a handler of a server-to-client request. */
export interface RequestHandlerContext {
  /** Aborted when the server cancels the request or the connection goes away. */
  signal: AbortSignal;
  requestId: RequestId;
}

/** Answers one server-to-client request method (`roots/list`, `sampling/createMessage`, `elicitation/create`...). */
export type RequestHandler = (
  params: Record<string, unknown> | undefined,
  context: RequestHandlerContext,
) => unknown | Promise<unknown>;

export type RequestHandlers = Record<string, RequestHandler>;

/** The handler registered for a method from the wire: own keys only, so `constructor` or `toString` is never a handler. */
export function handlerFor(
  handlers: RequestHandlers | undefined,
  method: string,
): RequestHandler | undefined {
  return handlers !== undefined && Object.hasOwn(handlers, method) ? handlers[method] : undefined;
}
