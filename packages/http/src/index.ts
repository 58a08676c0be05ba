// The public API of @org/mcp-http: everything below is exported on purpose; nothing else is.
export { contentTypeOf } from './contentTypeOf.js';
export { MAX_COOKIE_LENGTH, MAX_COOKIES } from './cookies/serverCookies.js';
export type {
  HttpAuthChallenge,
  HttpAuthDecision,
  HttpAuthProvider,
  HttpAuthResponse,
} from './httpAuthProvider.js';
export { ERROR_BODY_LIMIT, MAX_SNIPPET_LENGTH, readBodyText } from './httpErrorBody.js';
export { HttpExchange } from './httpExchange.js';
export {
  DEFAULT_HTTP_CONNECT_TIMEOUT,
  DEFAULT_KEEP_ALIVE_TIMEOUT,
  DEFAULT_MAX_MESSAGE_SIZE,
  type HttpExchangeOptions,
  MAX_AUTH_RETRIES,
  MAX_REDIRECTS,
} from './httpExchangeOptions.js';
export type { HttpMethod, HttpRequest, HttpResponse } from './httpRequest.js';
export type { HttpNetworkOptions } from './network/httpNetworkOptions.js';
export {
  type NetworkDispatcher,
  type NetworkDispatcherContext,
  networkDispatcher,
} from './network/networkDispatcher.js';
export { type ReadJsonBodyOptions, readJsonBody } from './readJsonBody.js';
export type { RemoteTransportOptions } from './remoteTransportOptions.js';
export { RequestAbort } from './requestAbort.js';
