import type { z } from 'zod';
import { CoreErrorCode } from '../errors/errorCodes.js';
import { JSONRPC_ERROR, MCPProtocolError } from '../errors/errors.js';
import {
  type CreateMessageRequest,
  CreateMessageRequestSchema,
  type CreateMessageResult,
  CreateMessageResultSchema,
  type SamplingContent,
  type SamplingMessage,
} from '../types/samplingTypes.js';
import type { RequestHandler, RequestHandlerContext } from './requestHandlers.js';

/**
 * Answers a server's `sampling/createMessage` with the model's message. With `tools` in the request the
 * model may answer `tool_use` blocks (`stopReason: 'toolUse'`); the server runs them and asks again with
 * the results. The client declares `sampling.tools` for it (unless `samplingTools: false`).
 */
export type SamplingHandler = (
  request: CreateMessageRequest,
  context: RequestHandlerContext,
) => CreateMessageResult | Promise<CreateMessageResult>;

/** The `sampling` capability: with `tools` unless the handler takes no tools. */
export function samplingCapability(withTools: boolean): Record<string, unknown> {
  return withTools ? { tools: {} } : {};
}

/**
 * The typed handler with the specification's rules around it (2025-11-25 sampling): a request whose shape is
 * wrong, that offers tools the client did not declare, or whose user messages mix tool results with other
 * content, is refused before the handler sees it; the handler's answer must be a well-formed assistant
 * message that uses tools only when offered and not forbidden (`toolChoice: none`). Refusals reach the
 * server as JSON-RPC errors.
 */
export function samplingRequestHandler(handler: SamplingHandler, toolsDeclared: boolean): RequestHandler {
  return async (params, context) => {
    const request = parsed(CreateMessageRequestSchema, params, refuse, 'request') as CreateMessageRequest;
    if ((request.tools !== undefined || request.toolChoice !== undefined) && !toolsDeclared)
      refuse('a sampling request with tools, which this client did not declare (sampling.tools)');
    request.messages.forEach(checkToolResultsAlone);
    const result = parsed(CreateMessageResultSchema, await handler(request, context), badResult, 'result');
    if (blocksOf(result.content as SamplingMessage['content']).some((b) => b.type === 'tool_use')) {
      if (request.tools === undefined) badResult('a tool_use block, but the request offered no tools');
      if (request.toolChoice?.mode === 'none')
        badResult('a tool_use block, but the request said toolChoice "none"');
    }
    return result;
  };
}

function blocksOf(content: SamplingMessage['content']): SamplingContent[] {
  return Array.isArray(content) ? content : [content];
}

function checkToolResultsAlone(message: SamplingMessage, index: number): void {
  const blocks = blocksOf(message.content);
  const results = blocks.filter((b) => b.type === 'tool_result').length;
  if (results > 0 && results < blocks.length)
    refuse(`a sampling message (messages.${index}) that mixes tool results with other content`);
}

function parsed<S extends z.ZodType>(
  schema: S,
  value: unknown,
  fail: (what: string) => never,
  what: string,
): z.infer<S> {
  const outcome = schema.safeParse(value);
  if (outcome.success) return outcome.data;
  const issue = outcome.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return fail(
    `a sampling ${what} that does not fit the specification${where}: ${issue?.message ?? 'invalid'}`,
  );
}

function refuse(what: string): never {
  throw new MCPProtocolError(CoreErrorCode.INVALID_SERVER_REQUEST, `The server sent ${what}.`, {
    rpcCode: JSONRPC_ERROR.INVALID_PARAMS,
  });
}

function badResult(what: string): never {
  throw new MCPProtocolError(CoreErrorCode.INVALID_HANDLER_RESULT, `The sampling handler answered ${what}.`, {
    rpcCode: JSONRPC_ERROR.INTERNAL_ERROR,
  });
}
