// The public API of @org/mcp-auth: everything below is exported on purpose; nothing else is.
export { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
export type { ClientRegistration, TokenEndpointAuthMethod } from './client/clientRegistration.js';
export type { AuthGrant, GrantContext, TokenUse } from './flow/authGrant.js';
export { AuthorizationCodeGrant, type AuthorizationCodeGrantOptions } from './flow/authorizationCodeGrant.js';
export type { OAuthRequestOptions } from './http/oauthRequestOptions.js';
// The light entry's token stores and authorization handlers (./light), the same objects.
export * from './light.js';
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
