import type { AuthorizationHandler, OAuthProviderOptions, TokenStore } from '@org/mcp-auth';

/** The manager's options for servers behind OAuth; every field is optional. */
export interface ManagerAuthOptions {
  /**
   * Where every server's tokens and registered clients are kept. Default: a MemoryTokenStore of the
   * manager's own (tokens last as long as the process); a FileTokenStore keeps them across runs.
   */
  tokenStore?: TokenStore;
  /**
   * The default handler of the user's part (a CLI's loopbackAuthorizationHandler({ openBrowser: true }),
   * a server's own that hands the URL to its UI). Default: none, so a server that needs the user waits
   * in `needs-auth` (event `authorizationRequired`) until authorize().
   */
  authorizationHandler?: AuthorizationHandler;
  /** Given to every server's OAuthProvider: timeouts, refreshBefore, clientMetadata, the clock. */
  oauth?: Pick<
    OAuthProviderOptions,
    | 'clientMetadata'
    | 'refreshBefore'
    | 'requestTimeout'
    | 'authorizationTimeout'
    | 'maxResponseBytes'
    | 'now'
  >;
}
