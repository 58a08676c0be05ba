// The public API of @org/mcp-auth: everything below is exported on purpose; nothing else is.
export { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
export type { AuthGrant, GrantContext, TokenUse } from './authGrant.js';
export { AuthorizationCodeGrant, type AuthorizationCodeGrantOptions } from './authorizationCodeGrant.js';
export type { AuthorizationHandler, AuthorizationRequest } from './authorizationHandler.js';
export type { ClientRegistration, TokenEndpointAuthMethod } from './clientRegistration.js';
export { FileTokenStore, type FileTokenStoreOptions } from './fileTokenStore.js';
export {
  DEFAULT_HEADLESS_REDIRECT_URI,
  type HeadlessAuthorizationHandlerOptions,
  headlessAuthorizationHandler,
} from './headlessAuthorizationHandler.js';
export {
  type LoopbackAuthorizationHandlerOptions,
  loopbackAuthorizationHandler,
} from './loopbackAuthorizationHandler.js';
export type { AssertionSource } from './machine/assertionSource.js';
export {
  ClientCredentialsGrant,
  type ClientCredentialsGrantOptions,
} from './machine/clientCredentialsGrant.js';
export {
  CrossAppAccessGrant,
  type CrossAppAccessGrantOptions,
  type IdentityProviderOptions,
} from './machine/crossAppAccessGrant.js';
export { type DPoPOptions, withDPoP } from './machine/dpopGrant.js';
export type { DPoPKeyInput } from './machine/dpopKey.js';
export { JwtBearerGrant, type JwtBearerGrantOptions } from './machine/jwtBearerGrant.js';
export type { MachineClientOptions, PrivateKeyInput } from './machine/machineClient.js';
export { MemoryTokenStore } from './memoryTokenStore.js';
export { OAuthProvider } from './oauthProvider.js';
export {
  type ClientMetadata,
  DEFAULT_AUTH_REQUEST_TIMEOUT,
  DEFAULT_AUTHORIZATION_TIMEOUT,
  DEFAULT_MAX_AUTH_RESPONSE_BYTES,
  DEFAULT_REFRESH_BEFORE,
  MAX_SCOPE_STEP_UPS,
  type OAuthProviderOptions,
  type PreRegisteredClient,
} from './oauthProviderOptions.js';
export type { OAuthRequestOptions } from './oauthRequestOptions.js';
export type { TokenSet } from './tokenSet.js';
export type { TokenStore, TokenStoreKey } from './tokenStore.js';
