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
