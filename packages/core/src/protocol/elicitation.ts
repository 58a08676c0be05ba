import { CoreErrorCode } from '../errors/errorCodes.js';
import { JSONRPC_ERROR, MCPProtocolError } from '../errors/errors.js';
import { schemaCheck } from '../results/schemaValidator.js';
import type { RequestHandler } from './requestHandlers.js';

/** How the client takes part in elicitation, declared in its capabilities. */
export interface ElicitationOptions {
  /** Fill every field the accepted content leaves out with the requested schema's `default`. Default true. */
  applyDefaults?: boolean;
  /** Accept URL-mode elicitation (2025-11-25): the handler gets the URL and the reason; the library opens nothing. Default false. */
  url?: boolean;
}

const ACTIONS = new Set(['accept', 'decline', 'cancel']);

/** The `elicitation` capability these options declare. */
export function elicitationCapability(options: ElicitationOptions = {}): Record<string, unknown> {
  const form = options.applyDefaults === false ? {} : { applyDefaults: true };
  return options.url ? { form, url: {} } : { form };
}

/**
 * Wraps the user's `elicitation/create` handler with the specification's rules, whichever era
 * the request came in (a request, or inside `input_required`): a mode the client did not
 * declare, or a URL that is not http(s), is refused before the handler sees it; an accepted
 * form answer gets the schema's defaults and must match `requestedSchema`; an accepted URL
 * answer carries no content. What breaks a rule is answered to the server as a JSON-RPC error.
 */
export function withElicitationRules(
  handler: RequestHandler,
  capability: { form?: { applyDefaults?: unknown }; url?: unknown },
): RequestHandler {
  return async (params, context) => {
    const mode = params?.mode ?? 'form';
    if (mode === 'url') {
      if (!capability.url) refuse('URL-mode elicitation, which this client did not declare');
      checkUrl(params?.url);
      // The data of a URL-mode interaction never passes through the client.
      const { content: _content, ...result } = answerOf(await handler(params, context));
      return result;
    }
    if (mode !== 'form') refuse(`elicitation mode "${String(mode)}"`);
    const schema = params?.requestedSchema;
    const result = answerOf(await handler(params, context));
    if (result.action !== 'accept' || typeof schema !== 'object' || schema === null) return result;
    const defaults = capability.form?.applyDefaults === true ? defaultsOf(schema) : {};
    const content = { ...defaults, ...(result.content as Record<string, unknown> | undefined) };
    const problem = schemaCheck(schema)(content);
    if (problem) {
      throw new MCPProtocolError(
        CoreErrorCode.INVALID_HANDLER_RESULT,
        `The elicitation handler accepted content that does not match the requested schema: ${problem}.`,
        { rpcCode: JSONRPC_ERROR.INVALID_PARAMS },
      );
    }
    return { ...result, content };
  };
}

function refuse(what: string): never {
  throw new MCPProtocolError(CoreErrorCode.INVALID_SERVER_REQUEST, `The server sent ${what}.`, {
    rpcCode: JSONRPC_ERROR.INVALID_PARAMS,
  });
}

/** The handler sees only URLs a browser would open as a page: http(s), no credentials in them. */
function checkUrl(raw: unknown): void {
  let url: URL | undefined;
  try {
    url = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    refuse('a URL-mode elicitation whose url is not an http(s) URL without credentials');
}

function answerOf(value: unknown): Record<string, unknown> & { action: string } {
  const answer = value as { action?: unknown } | null | undefined;
  if (
    typeof answer !== 'object' ||
    answer === null ||
    typeof answer.action !== 'string' ||
    !ACTIONS.has(answer.action)
  ) {
    throw new MCPProtocolError(
      CoreErrorCode.INVALID_HANDLER_RESULT,
      'The elicitation handler must answer { action: "accept" | "decline" | "cancel", content? }.',
      { rpcCode: JSONRPC_ERROR.INTERNAL_ERROR },
    );
  }
  return answer as Record<string, unknown> & { action: string };
}

/** Each top-level property's `default`, from the flat object schema elicitation allows. */
function defaultsOf(schema: object): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property && typeof property === 'object' && property.default !== undefined)
      defaults[name] = property.default;
  }
  return defaults;
}
