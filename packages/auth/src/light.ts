// @org/mcp-auth/light: the token stores and the authorization handlers without the OAuth flow
// (no oauth4webapi, undici, @org/mcp-http or jose). The same classes and functions as '@org/mcp-auth'
// exports (one shared copy), for a package that hands them on but runs OAuth only for some servers.
export type { AuthorizationHandler, AuthorizationRequest } from './handlers/authorizationHandler.js';
export {
  DEFAULT_HEADLESS_REDIRECT_URI,
  type HeadlessAuthorizationHandlerOptions,
  headlessAuthorizationHandler,
} from './handlers/headlessAuthorizationHandler.js';
export {
  type LoopbackAuthorizationHandlerOptions,
  loopbackAuthorizationHandler,
} from './handlers/loopbackAuthorizationHandler.js';
export { FileTokenStore, type FileTokenStoreOptions } from './tokens/fileTokenStore.js';
export { MemoryTokenStore } from './tokens/memoryTokenStore.js';
export type { TokenSet } from './tokens/tokenSet.js';
export type { TokenStore, TokenStoreKey } from './tokens/tokenStore.js';
