import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { RequestAbort } from './requestAbort.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** One request of an {@link HttpExchange}. */
export interface HttpRequest {
  method: HttpMethod;
  /** Where it goes, on the exchange's origin. Default: the exchange's `url`. */
  url?: URL | undefined;
  /** This request's own headers; the configured ones and the auth provider's are added beneath them. */
  headers: Record<string, string>;
  body?: string | undefined;
  /** Aborts the request and its body; the request then rejects with the signal's reason. */
  signal?: AbortSignal | RequestAbort | undefined;
  /** Bound in ms on the wait for the response headers; 0 (default): none, a signal bounds it. */
  headersTimeout?: number | undefined;
  /** Bound in ms on silence in the response body; 0 (default): none, as an event stream needs. */
  bodyTimeout?: number | undefined;
}

/** An answer that was not a redirect: any status, its body still to be read (or dumped). */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  /** The URL that answered, after same-origin redirects. */
  url: URL;
}
