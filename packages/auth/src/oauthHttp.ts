import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import * as oauth from 'oauth4webapi';
import type { OAuthRequestOptions } from './oauthRequestOptions.js';

/** How requests to authorization servers are made. */
export interface OAuthHttpSettings {
  signal: AbortSignal;
  /** Each request's own timeout, in ms. */
  timeout: number;
  /** Largest answer body read, in bytes; a longer one fails the request. */
  maxBytes: number;
  serverName: string;
}

/**
 * The options of every oauth4webapi request: a fetch that bounds the body it reads (a token
 * endpoint answering 50 MB fails with a typed error, not an out-of-memory), never follows a
 * redirect (oauth4webapi asks for `manual` too), and is aborted by the provider's signal or the
 * request's timeout. http is allowed only for loopback hosts, checked per URL.
 */
export function requestOptionsFor(settings: OAuthHttpSettings): OAuthRequestOptions {
  return {
    signal: () => AbortSignal.any([settings.signal, AbortSignal.timeout(settings.timeout)]),
    [oauth.allowInsecureRequests]: true,
    [oauth.customFetch]: async (url: string, init: RequestInit) => {
      checkEndpoint(new URL(url), 'an authorization server endpoint', settings.serverName);
      const response = await fetch(url, { ...init, redirect: 'manual' });
      return boundedResponse(response, settings.maxBytes, url, settings.serverName);
    },
  } as OAuthRequestOptions;
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

/** https, or http to a loopback host (a local authorization server); anything else is AUTH_INSECURE_ENDPOINT. */
export function checkEndpoint(url: URL, what: string, serverName: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
  throw new MCPAuthError(
    AuthErrorCode.AUTH_INSECURE_ENDPOINT,
    `Server "${serverName}": ${what} at ${url.origin}${url.pathname} is neither https nor loopback http; no credential is sent there.`,
    { serverName },
  );
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
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
