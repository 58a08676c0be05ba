import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPProtocolError } from '../errors/errors.js';
import type { ResultCheck } from '../results/resultShapes.js';
import { isErrorResponse, type JSONRPCResponse } from './jsonrpc.js';
import { handlerFor, type RequestHandlers } from './requestHandlers.js';

/** Rounds of `input_required` answered for one request before giving up. */
export const MAX_INPUT_ROUNDS = 10;

interface InputRoundsContext {
  send: (params: Record<string, unknown> | undefined) => Promise<JSONRPCResponse>;
  handlers: RequestHandlers | undefined;
  serverName: string | undefined;
  /** 'Server "x"' or 'The server', for messages. */
  server: string;
  signal: AbortSignal | undefined;
  /** Checks the final result's shape before the caller gets it. */
  check?: ResultCheck<unknown> | undefined;
  /** A `resultType: "task"` result (the tasks extension) goes to the check instead of being refused. */
  acceptTask?: boolean | undefined;
}

/** What answering a server's input requests needs. */
export type InputAnswerContext = Pick<InputRoundsContext, 'handlers' | 'serverName' | 'server' | 'signal'>;

/**
 * A request resolved to its result; a JSON-RPC error becomes MCPProtocolError. A modern-era
 * `input_required` result is answered with the registered handlers and the request sent again
 * with `inputResponses` and `requestState`, as the caller would expect.
 */
export async function requestWithInputRounds<T>(
  method: string,
  params: Record<string, unknown> | undefined,
  context: InputRoundsContext & { check?: ResultCheck<T> | undefined },
): Promise<T> {
  const { serverName } = context;
  let current = params;
  for (let round = 0; ; round++) {
    const response = await context.send(current);
    if (isErrorResponse(response)) {
      throw new MCPProtocolError(response.error.code, response.error.message, {
        serverName,
        data: response.error.data,
        method,
      });
    }
    const result = response.result;
    const resultType = result.resultType;
    if (
      resultType === undefined ||
      resultType === 'complete' ||
      (resultType === 'task' && context.acceptTask === true)
    )
      return (context.check ? context.check(result, serverName) : result) as T;
    if (resultType !== 'input_required') {
      throw new MCPProtocolError(
        CoreErrorCode.INVALID_RESULT,
        `${context.server} answered ${method} with unknown resultType "${String(resultType)}".`,
        { serverName },
      );
    }
    if (round >= MAX_INPUT_ROUNDS) {
      throw new MCPProtocolError(
        CoreErrorCode.INPUT_ROUNDS_EXCEEDED,
        `${context.server} still asked for input after ${MAX_INPUT_ROUNDS} rounds of ${method}; gave up.`,
        { serverName },
      );
    }
    const inputResponses = await answerInputRequests(method, result.inputRequests, context);
    current = { ...params };
    if (inputResponses) current.inputResponses = inputResponses;
    if (result.requestState !== undefined) current.requestState = result.requestState;
  }
}

/** Runs the handler registered for each input the server asked for; keys are kept as the server chose them. */
export async function answerInputRequests(
  method: string,
  requests: unknown,
  context: InputAnswerContext,
): Promise<Record<string, unknown> | undefined> {
  if (typeof requests !== 'object' || requests === null) return undefined;
  const entries = Object.entries(
    requests as Record<string, { method?: unknown; params?: Record<string, unknown> }>,
  );
  const answers = await Promise.all(
    entries.map(async ([key, input]) => {
      const handler =
        typeof input?.method === 'string' ? handlerFor(context.handlers, input.method) : undefined;
      if (!handler) {
        throw new MCPProtocolError(
          CoreErrorCode.INPUT_UNAVAILABLE,
          `${context.server} needs "${String(input?.method)}" input to complete ${method}, and no handler for it is registered (ClientOptions.handlers).`,
          { serverName: context.serverName },
        );
      }
      const result = await handler(input.params, {
        signal: context.signal ?? new AbortController().signal,
        requestId: key,
      });
      return [key, result ?? {}] as const;
    }),
  );
  return Object.fromEntries(answers);
}
