import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import type { HttpAuthChallenge, HttpAuthDecision, HttpAuthProvider, HttpAuthResponse } from '@org/mcp-http';
import { grantClient } from './client/grantClient.js';
import { type AuthorizationContext, discoverAuthorization } from './discovery/discovery.js';
import { grantsAll, initialScope, unionScopes } from './discovery/scopeSelection.js';
import type { AuthGrant, GrantContext } from './flow/authGrant.js';
import { AuthorizationCodeGrant } from './flow/authorizationCodeGrant.js';
import { refreshTokens } from './flow/refreshTokens.js';
import { Renewal } from './flow/renewal.js';
import { requestOptionsFor } from './http/oauthHttp.js';
import { OAuthNetwork } from './http/oauthNetwork.js';
import { canonicalResource, resourceString } from './http/resourceUrl.js';
import { SentSecrets } from './http/serverText.js';
import { type BearerChallenge, parseBearerChallenge } from './http/wwwAuthenticate.js';
import {
  DEFAULT_AUTH_REQUEST_TIMEOUT,
  DEFAULT_AUTHORIZATION_TIMEOUT,
  DEFAULT_MAX_AUTH_RESPONSE_BYTES,
  DEFAULT_REFRESH_BEFORE,
  MAX_SCOPE_STEP_UPS,
  type OAuthProviderOptions,
} from './oauthProviderOptions.js';
import { MemoryTokenStore } from './tokens/memoryTokenStore.js';
import { refreshDue, type TokenSet } from './tokens/tokenSet.js';
import type { TokenStore, TokenStoreKey } from './tokens/tokenStore.js';

/** Why new tokens are needed: the server refused (401), wants more scope (403), or they expire. */
type RenewReason = 'unauthorized' | 'scope' | 'expiry';

/**
 * OAuth 2.1 for one remote MCP server, as the HTTP exchange's auth provider: the first request goes
 * without a token; a 401 starts discovery, registration and a grant (the authorization code flow,
 * or the `grant` option's); tokens are refreshed before they expire and after a 401, one renewal
 * in flight however many requests wait; a 403 `insufficient_scope` authorizes again for the union
 * of the scopes, at most MAX_SCOPE_STEP_UPS times.
 */
export class OAuthProvider implements HttpAuthProvider {
  private readonly options: OAuthProviderOptions;
  private readonly grant: AuthGrant | undefined;
  private readonly store: TokenStore;
  private readonly now: () => number;
  private resource: URL | undefined;
  private context: AuthorizationContext | undefined;
  private tokens: TokenSet | undefined;
  /** The renewal in flight: every request that needs new tokens waits for this one. */
  private renewal: Renewal | undefined;
  /** Tokens a store kept from an earlier run, looked up once before the first request. */
  private stored: Promise<void> | undefined;
  /** Whether the grant is waiting for a person (an interactive login). */
  private interacting = false;
  /** Every credential sent to authorization servers, scrubbed from what they answer. */
  private readonly sent = new SentSecrets();
  private readonly network: OAuthNetwork;
  /** The scope asked for last, unioned with each challenge's. */
  private scope: string | undefined;
  private stepUps = 0;
  private bearer: { tokens: TokenSet; headers: Record<string, string> } | undefined;

  constructor(options: OAuthProviderOptions = {}) {
    this.options = options;
    this.store = options.store ?? new MemoryTokenStore();
    this.network = new OAuthNetwork(options.network, options.logger);
    this.now = options.now ?? Date.now;
    this.grant =
      options.grant ??
      (options.authorizationHandler
        ? new AuthorizationCodeGrant(options.authorizationHandler, {
            timeout: options.authorizationTimeout ?? DEFAULT_AUTHORIZATION_TIMEOUT,
            now: options.now,
          })
        : undefined);
    if (options.resource !== undefined) this.resource = canonicalResource(options.resource);
  }

  private get serverName(): string {
    return this.options.serverName ?? this.resource?.host ?? 'server';
  }

  async headers(
    url: URL,
    request?: { method: string; signal?: AbortSignal | undefined },
  ): Promise<Record<string, string>> {
    this.resource ??= canonicalResource(url);
    if (!this.tokens) {
      this.stored ??= this.loadStored();
      await this.stored;
    }
    let tokens = this.tokens;
    if (!tokens) return {};
    if (this.expiresSoon(tokens)) {
      await this.renew('expiry', tokens.accessToken, undefined, request?.signal);
      tokens = this.tokens;
      if (!tokens) return {};
    }
    if (this.grant?.headers) return this.grant.headers(tokens, { url, method: request?.method ?? 'POST' });
    // The same object while the token stands: the exchange compares it cheaply, nothing is rebuilt per call.
    if (this.bearer?.tokens !== tokens)
      this.bearer = { tokens, headers: { authorization: `Bearer ${tokens.accessToken}` } };
    return this.bearer.headers;
  }

  onResponse(response: HttpAuthResponse): void {
    this.grant?.onResponse?.(response);
  }

  waitingForUser(): boolean {
    return this.interacting;
  }

  /** The tokens a store kept for this server (by the authorization it remembers for it), so the first request carries them. */
  private async loadStored(): Promise<void> {
    const { principal } = this.options;
    const key = await this.store.getTokenKey?.(resourceString(this.resource as URL), principal);
    const tokens = key ? await this.store.getTokens(key) : undefined;
    this.tokens ??= tokens;
  }

  async onUnauthorized(challenge: HttpAuthChallenge): Promise<HttpAuthDecision> {
    if (await this.grant?.onChallenge?.(challenge)) return 'retry';
    const bearer = await parseBearerChallenge(challenge.wwwAuthenticate);
    const refused = accessTokenOf(challenge.sent);
    if (challenge.status === 403) {
      if (bearer.error !== 'insufficient_scope') return 'fail';
      // Attempts count while the scope asked for stays the same; a challenge that adds scope starts over.
      const wanted = unionScopes(this.scope, bearer.scope);
      if (wanted !== this.scope) this.stepUps = 0;
      // A token granted every scope wanted, refused for want of scope: authorizing again cannot help.
      const current = this.tokens;
      const futile =
        this.stepUps > 0 &&
        current !== undefined &&
        current.accessToken === refused &&
        grantsAll(current.scope, wanted);
      if (this.stepUps >= MAX_SCOPE_STEP_UPS || futile)
        throw new MCPAuthError(
          AuthErrorCode.AUTH_SCOPE_DENIED,
          `Server "${this.serverName}" still refused with insufficient_scope after ${this.stepUps} authorization(s) for more scope (last asked: ${this.scope ?? 'none'}); the user or the authorization server does not grant it.`,
          { serverName: this.serverName, oauthError: bearer.error, status: 403 },
        );
      await this.renew('scope', refused, bearer, challenge.signal, () => {
        this.stepUps++;
      });
      return 'retry';
    }
    await this.renew('unauthorized', refused, bearer, challenge.signal);
    return 'retry';
  }

  /**
   * New tokens, once however many callers ask: a caller whose refused token is no longer the
   * current one just retries with the current one. `signal` is the asking request's: when every
   * request waiting on a renewal has aborted, the renewal is abandoned and the next starts afresh.
   */
  private async renew(
    reason: RenewReason,
    refused: string | undefined,
    challenge: BearerChallenge | undefined,
    signal: AbortSignal | undefined,
    onStart?: () => void,
  ): Promise<void> {
    // One flight, one outcome: a caller that waited on a failed renewal fails with it, not with one of its own.
    while (this.renewal) await this.renewal.wait(signal);
    if (this.tokens && this.tokens.accessToken !== refused) return;
    onStart?.();
    const renewal: Renewal = new Renewal(
      (bound) => this.runRenewal(reason, refused, challenge, bound),
      this.options.authorizationTimeout ?? DEFAULT_AUTHORIZATION_TIMEOUT,
      () => {
        if (this.renewal === renewal) this.renewal = undefined;
      },
    );
    this.renewal = renewal;
    await renewal.wait(signal);
  }

  private async runRenewal(
    reason: RenewReason,
    refused: string | undefined,
    challenge: BearerChallenge | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    // A 401 may mean the server moved to another authorization server: discover again then.
    if (!this.context || reason !== 'expiry') this.context = await this.discover(challenge, signal);
    const context = this.context;
    const { principal } = this.options;
    const key: TokenStoreKey = {
      resource: context.resource,
      issuer: context.issuer,
      ...(principal !== undefined && { principal }),
    };
    if (reason === 'scope') this.scope = unionScopes(this.scope, challenge?.scope);
    else this.scope ??= initialScope(challenge?.scope, context);
    // Another holder of the store (another provider or process) may have renewed meanwhile.
    const refreshed = await this.store.updateTokens(key, async (current) => {
      if (current && current.accessToken !== refused && !this.expiresSoon(current) && reason !== 'scope')
        return current;
      if (reason === 'scope' || !current?.refreshToken) return current;
      // A refresh needs no way to authorize: the client registered before (or pre-registered) redeems it.
      const grantContext = await this.grantContext(context, signal, this.grant);
      return refreshTokens(this.grant, grantContext, current.refreshToken, this.now);
    });
    if (refreshed && refreshed.accessToken !== refused && reason !== 'scope') {
      await this.keep(key, refreshed);
      return;
    }
    // The interactive part runs outside the store's lock: the user may take minutes.
    const grant = this.requireGrant();
    const grantContext = await this.grantContext(context, signal, grant);
    let tokens: TokenSet;
    try {
      tokens = await grant.obtain(grantContext);
    } finally {
      this.interacting = false;
    }
    await this.store.updateTokens(key, async () => tokens);
    await this.keep(key, tokens);
  }

  /** The tokens in use from now on; the store remembers whose they are, for a provider's first request in a later run. */
  private async keep(key: TokenStoreKey, tokens: TokenSet): Promise<void> {
    this.tokens = tokens;
    await this.store.setTokenKey?.(resourceString(this.resource as URL), key, this.options.principal);
  }

  private discover(
    challenge: BearerChallenge | undefined,
    signal: AbortSignal,
  ): Promise<AuthorizationContext> {
    return discoverAuthorization({
      resource: this.resource as URL,
      resourceMetadata: challenge?.resourceMetadata,
      metadataUrl: this.options.authorizationServerMetadataUrl,
      serverName: this.serverName,
      requestOptions: this.requestOptions(signal),
    });
  }

  private async grantContext(
    context: AuthorizationContext,
    signal: AbortSignal,
    grant: AuthGrant | undefined,
  ): Promise<GrantContext> {
    const requestOptions = this.requestOptions(signal);
    const tokenRequestOptions = grant?.tokenRequestOptions?.(requestOptions, context.authorizationServer);
    const { store, options, serverName } = this;
    const client = await grantClient(grant, { context, store, options, serverName, requestOptions });
    return {
      authorizationServer: context.authorizationServer,
      resource: context.resource,
      scope: this.scope,
      client,
      requestOptions: tokenRequestOptions ?? requestOptions,
      serverName: this.serverName,
      signal,
      now: this.now,
      onUserWait: (waiting) => {
        this.interacting = waiting;
      },
    };
  }

  private requireGrant(): AuthGrant {
    if (this.grant) return this.grant;
    throw new MCPAuthError(
      AuthErrorCode.AUTH_REQUIRED,
      `Server "${this.serverName}" needs OAuth authorization and no way to get it is configured. Pass an authorizationHandler (loopbackAuthorizationHandler() for a browser) or a grant to the OAuthProvider.`,
      { serverName: this.serverName },
    );
  }

  private requestOptions(signal: AbortSignal) {
    const timeout = this.options.requestTimeout ?? DEFAULT_AUTH_REQUEST_TIMEOUT;
    return requestOptionsFor({
      signal,
      timeout,
      dispatcher: this.network.dispatcher(this.serverName, timeout),
      maxBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_AUTH_RESPONSE_BYTES,
      serverName: this.serverName,
      sent: this.sent,
    });
  }

  private expiresSoon(tokens: TokenSet): boolean {
    return refreshDue(tokens, this.options.refreshBefore ?? DEFAULT_REFRESH_BEFORE, this.now());
  }
}

/** The access token a refused request carried, from the provider's own headers it was sent with. */
function accessTokenOf(sent: Record<string, string> | undefined): string | undefined {
  const value = sent?.authorization;
  if (!value) return undefined;
  const space = value.indexOf(' ');
  return space < 0 ? value : value.slice(space + 1);
}
