import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { deadline } from '@org/mcp-core/internal';
import * as oauth from 'oauth4webapi';
import { type Dispatcher, fetch as undiciFetch } from 'undici';
import { checkEndpoint } from './endpointCheck.js';
import type { OAuthRequestOptions } from './oauthRequestOptions.js';
import { SentSecrets } from './serverText.js';

/** How requests to authorization servers are made. */
export interface OAuthHttpSettings {
  signal: AbortSignal;
  /** Each request's own timeout, in ms. */
  timeout: number;
  /** Largest answer body read, in bytes; a longer one fails the request. */
  maxBytes: number;
  serverName: string;
  /** Where every credential sent is noted, to scrub it from what servers answer. Default: a set of these options' own. */
  sent?: SentSecrets | undefined;
  /** The MCP server's dispatcher (proxy, CA, client certificate). Default: Node's global one. */
  dispatcher?: Dispatcher | undefined;
}

/** The SentSecrets of a set of request options (spreading the options keeps it). */
const SENT = Symbol('sentSecrets');

/** The credentials sent with these request options, for scrubbing server text; undefined for options made elsewhere. */
export function sentSecretsOf(options: OAuthRequestOptions | undefined): SentSecrets | undefined {
  return (options as { [SENT]?: SentSecrets } | undefined)?.[SENT];
}

/**
 * The options of every oauth4webapi request: a fetch that bounds the body it reads (a token
 * endpoint answering 50 MB fails with a typed error, not an out-of-memory), never follows a
 * redirect (oauth4webapi asks for `manual` too), and is aborted by the provider's signal or the
 * request's timeout, which covers the body too (a server sending a byte a second is cut off).
 * http is allowed only for loopback hosts, checked per URL.
 */
export function requestOptionsFor(settings: OAuthHttpSettings): OAuthRequestOptions {
  const sent = settings.sent ?? new SentSecrets();
  return {
    [SENT]: sent,
    signal: () => settings.signal,
    [oauth.allowInsecureRequests]: true,
    [oauth.customFetch]: async (url: string, init: RequestInit) => {
      checkEndpoint(new URL(url), 'an authorization server endpoint', settings.serverName);
      sent.addRequest(init);
      const bound = deadline(settings.timeout, init.signal ?? undefined, settings.signal);
      try {
        const response = await fetchVia(settings.dispatcher, url, {
          ...init,
          signal: bound.signal,
          redirect: 'manual',
        });
        return await boundedResponse(response, settings.maxBytes, url, settings.serverName);
      } finally {
        bound.clear();
      }
    },
  } as OAuthRequestOptions;
}

/** undici's fetch through the server's dispatcher (Node's fetch is another undici, which cannot take this one's). */
function fetchVia(dispatcher: Dispatcher | undefined, url: string, init: RequestInit): Promise<Response> {
  if (!dispatcher) return fetch(url, init);
  return undiciFetch(url, {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher,
  }) as unknown as Promise<Response>;
}

/**
 * The answers of the candidate URLs that answer 200, in order: one that fails on the network or answers another
 * status is passed over (its body let go); an MCPAuthError (a URL that is neither https nor loopback) ends it.
 */
export async function* answersOf(
  candidates: Iterable<URL>,
  get: (candidate: URL) => Promise<Response>,
): AsyncGenerator<{ candidate: URL; response: Response }> {
  for (const candidate of candidates) {
    let response: Response;
    try {
      response = await get(candidate);
    } catch (error) {
      if (error instanceof MCPAuthError) throw error;
      continue;
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      continue;
    }
    yield { candidate, response };
  }
}

/** The response with its body read up to `maxBytes`, as a new Response oauth4webapi can read. */
async function boundedResponse(
  response: Response,
  maxBytes: number,
  url: string,
  serverName: string,
): Promise<Response> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  const tooLarge = () =>
    new MCPAuthError(
      AuthErrorCode.AUTH_TOKEN_FAILED,
      `Server "${serverName}": the authorization server's answer from ${new URL(url).pathname} is larger than ${maxBytes} bytes; it is not read.`,
      { serverName, status: response.status },
    );
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = response.status === 204 || response.status === 304 ? null : Buffer.concat(chunks);
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
