import type {
  AuthGrant,
  AuthorizationHandler,
  GrantContext,
  OAuthProvider,
  OAuthProviderOptions,
  TokenSet,
  TokenStore,
} from '@org/mcp-auth';
import { DEFAULT_HEADLESS_REDIRECT_URI, loopbackAuthorizationHandler } from '@org/mcp-auth/light';
import {
  AuthErrorCode,
  type ClientOptions,
  MCPAuthError,
  type MCPServerConfig,
  type OAuthServerConfig,
} from '@org/mcp-core';
import type { Dispatcher } from 'undici';
import { serverNetwork } from '../network/serverNetwork.js';
import type { ManagerAuthOptions } from './managerAuthOptions.js';
import { oauthModule } from './oauthModule.js';
import { readPrivateKeyFile } from './privateKeyFile.js';

/** The manager's auth options as resolved: its token store always there. */
type ServerAuthOptions = ManagerAuthOptions & {
  tokenStore: TokenStore;
  principal?: string | undefined;
  network?: OAuthProviderOptions['network'];
};

/** Where one server stands with OAuth, as getServerStatus() shows it. Holds no token, code or secret. */
export interface ServerAuthStatus {
  /** `authorized`: tokens were granted; `needs-auth`: waiting for authorize(); `unknown`: not asked yet. */
  state: 'unknown' | 'needs-auth' | 'authorized';
  /** The authorization server's issuer, once discovered. */
  issuer: string | undefined;
  /** The scopes asked for, once known. */
  scopes: string[] | undefined;
}

/**
 * One remote server's OAuth inside the manager: its OAuthProvider (kept across connects, so tokens
 * and discovery survive a reconnect), the shared token store, and the authorization code grant
 * behind a switch: with no handler at hand (none by default, none passed to authorize()), the
 * interactive step is refused with AUTH_REQUIRED and the server waits in `needs-auth` instead of
 * retrying; discovery, registration and refresh still run.
 */
export class ServerAuth {
  readonly provider: OAuthProvider;
  private handler: AuthorizationHandler | undefined;
  private issuer: string | undefined;
  private scopes: string[] | undefined;
  private state: ServerAuthStatus['state'] = 'unknown';

  constructor(
    private readonly name: string,
    private readonly config: OAuthServerConfig,
    private readonly options: ServerAuthOptions,
    /** Told when an authorization is needed and no handler can give it (connected or not). */
    private readonly onRequired: (error: MCPAuthError) => void,
  ) {
    this.handler = options.authorizationHandler;
    // The configured scopes are the ones asked for, known before any request.
    this.scopes = config.scopes && [...config.scopes];
    const { clientId, clientSecret, clientMetadataUrl, authServerMetadataUrl, privateKeyFile } = config;
    // The key is read when a token request first needs it (private_key_jwt), never kept in the store.
    const privateKey = privateKeyFile && (() => readPrivateKeyFile(name, privateKeyFile));
    this.provider = new (oauthModule().OAuthProvider)({
      ...options.oauth,
      serverName: name,
      network: options.network,
      store: this.observed(options.tokenStore),
      principal: options.principal,
      grant: this.grant(),
      ...(clientId !== undefined && {
        client: { clientId, clientSecret, ...(privateKey && { privateKey }) },
      }),
      ...(clientMetadataUrl !== undefined && { clientMetadataUrl }),
      ...(authServerMetadataUrl !== undefined && { authorizationServerMetadataUrl: authServerMetadataUrl }),
    });
  }

  status(): ServerAuthStatus {
    return { state: this.state, issuer: this.issuer, scopes: this.scopes && [...this.scopes] };
  }

  /** The issuer and the scopes asked for, for the authorizationRequired event. */
  where(): { issuer: string | undefined; scopes: string[] | undefined } {
    const { issuer, scopes } = this.status();
    return { issuer, scopes };
  }

  /** Runs `connect` with `handler` (else the default, else a loopback handler) for the user's part. */
  async authorizeWith<T>(handler: AuthorizationHandler | undefined, connect: () => Promise<T>): Promise<T> {
    const previous = this.handler;
    const own = handler ?? previous ?? loopbackAuthorizationHandler({ port: this.config.callbackPort });
    this.handler = own;
    try {
      return await connect();
    } finally {
      this.handler = previous;
      if (own !== handler && own !== previous) await own.close?.();
    }
  }

  /** The authorization code grant, asking whichever handler is at hand when it runs. */
  private grant(): AuthGrant {
    const { AuthorizationCodeGrant, DEFAULT_AUTHORIZATION_TIMEOUT } = oauthModule();
    const codeGrant = (handler: AuthorizationHandler) =>
      new AuthorizationCodeGrant(handler, {
        timeout: this.options.oauth?.authorizationTimeout ?? DEFAULT_AUTHORIZATION_TIMEOUT,
        now: this.options.oauth?.now,
      });
    return {
      name: 'authorization_code',
      registers: true,
      // The redirect URI registered before a handler exists: the configured one, else the loopback
      // `/callback` (a native client's loopback port may vary, RFC 8252).
      redirectUri: () => this.handler?.redirectUri() ?? this.configuredRedirectUri(),
      obtain: async (context: GrantContext): Promise<TokenSet> => {
        const scope = this.config.scopes?.join(' ') ?? context.scope;
        this.issuer = context.authorizationServer.issuer;
        this.scopes = scope?.split(' ').filter(Boolean);
        const handler = this.handler;
        if (!handler) {
          this.state = 'needs-auth';
          const error = new MCPAuthError(
            AuthErrorCode.AUTH_REQUIRED,
            `Server "${this.name}" needs authorization at ${this.issuer}; call manager.authorize("${this.name}") (or give the manager an authorizationHandler).`,
            { serverName: this.name },
          );
          this.onRequired(error);
          throw error;
        }
        return codeGrant(handler).obtain({ ...context, scope });
      },
    };
  }

  /** The store as the provider uses it, seen on the way: which issuer, and whether tokens are held. */
  private observed(store: TokenStore): TokenStore {
    return {
      getTokens: (key) => store.getTokens(key),
      updateTokens: async (key, change) => {
        this.issuer = key.issuer;
        const tokens = await store.updateTokens(key, change);
        if (tokens) {
          this.state = 'authorized';
          this.scopes ??= tokens.scope?.split(' ').filter(Boolean);
        }
        return tokens;
      },
      getClient: (issuer) => store.getClient(issuer),
      setClient: (issuer, client) => store.setClient(issuer, client),
      // Passed on only when the store has them: a provider asks for them by their presence.
      ...(store.getTokenKey && { getTokenKey: store.getTokenKey.bind(store) }),
      ...(store.setTokenKey && { setTokenKey: store.setTokenKey.bind(store) }),
    };
  }

  private configuredRedirectUri(): string {
    if (this.config.redirectUri) return this.config.redirectUri;
    if (this.config.callbackPort) return `http://127.0.0.1:${this.config.callbackPort}/callback`;
    return DEFAULT_HEADLESS_REDIRECT_URI;
  }
}

/** The OAuth of a server, or undefined for stdio and for `oauth: false` (static headers only). */
export function serverAuthFor(
  name: string,
  config: MCPServerConfig,
  options: ServerAuthOptions,
  onRequired: (error: MCPAuthError) => void,
  dispatcher?: Dispatcher,
): ServerAuth | undefined {
  if (config.transport !== 'http' && config.transport !== 'sse') return undefined;
  if (config.oauth === false) return undefined;
  const network = serverNetwork(config, dispatcher);
  return new ServerAuth(name, config.oauth ?? {}, { ...options, network }, onRequired);
}

/** The manager's options with the server's OAuth provider as its clients' `auth` (the factory passes it on). */
export function withAuth<T extends { clientOptions?: ClientOptions | undefined }>(
  options: T,
  auth: ServerAuth | undefined,
): T {
  if (!auth) return options;
  return { ...options, clientOptions: { ...options.clientOptions, auth: auth.provider } as ClientOptions };
}

/** The AUTH_REQUIRED in an error's cause chain, if that is what it is. */
export function authRequiredIn(error: unknown): MCPAuthError | undefined {
  let current = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    if (current instanceof MCPAuthError && current.code === AuthErrorCode.AUTH_REQUIRED) return current;
    current = current.cause;
  }
  return undefined;
}
