import * as oauth from 'oauth4webapi';
import type { GrantContext } from '../flow/authGrant.js';
import { tokenRequestFailed } from '../flow/tokenResponse.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import { type AssertionSource, assertionOf } from './assertionSource.js';
import { type MachineClient, type MachineClientOptions, machineClient } from './machineClient.js';
import { MachineGrant } from './machineGrant.js';
import { JWT_BEARER_GRANT_TYPE, machineScope } from './machineTokenRequest.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const ID_JAG_TYPE = 'urn:ietf:params:oauth:token-type:id-jag';

/** The enterprise identity provider, and this client there. */
export interface IdentityProviderOptions extends MachineClientOptions {
  clientId: string;
  /** The IdP's token endpoint, where the ID token is exchanged (RFC 8693). */
  tokenEndpoint: string;
  /** The IdP's issuer. Default: the token endpoint's origin. */
  issuer?: string | undefined;
}

export interface CrossAppAccessGrantOptions extends MachineClientOptions {
  /** This client's id at the MCP server's authorization server (the one the IdP names in the ID-JAG). */
  clientId: string;
  idp: IdentityProviderOptions;
  /** The user's ID token from the IdP (single sign-on), or a function returning a fresh one. A secret. */
  idToken: AssertionSource;
}

/**
 * Cross-app access, or enterprise-managed authorization (draft-ietf-oauth-identity-assertion-authz-grant,
 * SEP-990): the user's ID token is exchanged at the enterprise IdP (RFC 8693) for an identity
 * assertion JWT authorization grant (ID-JAG) for the MCP server's authorization server and resource;
 * the ID-JAG is then redeemed there with the RFC 7523 JWT-bearer grant. No browser: the IdP decides
 * by its policy. Each renewal runs both steps again (an ID-JAG is short-lived and single-use).
 */
export class CrossAppAccessGrant extends MachineGrant {
  readonly name = 'cross_app_access';
  private readonly idpClient: MachineClient;
  private readonly idp: oauth.AuthorizationServer;
  private readonly idToken: AssertionSource;

  constructor(options: CrossAppAccessGrantOptions) {
    super(options, 'CrossAppAccessGrant');
    this.idpClient = machineClient(options.idp, 'CrossAppAccessGrant idp');
    this.idp = {
      issuer: options.idp.issuer ?? new URL(options.idp.tokenEndpoint).origin,
      token_endpoint: options.idp.tokenEndpoint,
    };
    this.idToken = options.idToken;
  }

  async obtain(context: GrantContext): Promise<TokenSet> {
    const idJag = await this.requestIdJag(context);
    return this.tokenRequest(context, JWT_BEARER_GRANT_TYPE, { assertion: idJag }, 'the ID-JAG');
  }

  /** Step one: the ID token for an ID-JAG whose audience is the MCP server's authorization server. */
  private async requestIdJag(context: GrantContext): Promise<string> {
    const subject = await assertionOf(this.idToken, context, 'the ID token');
    const body = new URLSearchParams({
      requested_token_type: ID_JAG_TYPE,
      audience: context.authorizationServer.issuer,
      resource: context.resource,
      subject_token: subject,
      subject_token_type: ID_TOKEN_TYPE,
    });
    const scope = machineScope(context);
    if (scope) body.set('scope', scope);
    const what = 'the ID token exchange at the identity provider';
    let result: oauth.TokenEndpointResponse;
    const auth = await this.idpClient.auth(this.idp, context.serverName);
    try {
      // The IdP's own requests carry no proof of the MCP side's key: its plain options.
      const options = context.requestOptions;
      const response = await oauth.genericTokenEndpointRequest(
        this.idp,
        this.idpClient.client,
        auth,
        TOKEN_EXCHANGE,
        body,
        options,
      );
      // An ID-JAG is no access token: RFC 8693 says `token_type` N_A.
      result = await oauth.processGenericTokenEndpointResponse(this.idp, this.idpClient.client, response, {
        recognizedTokenTypes: { n_a: () => {} },
      });
    } catch (error) {
      throw tokenRequestFailed(error, what, context.serverName, context.requestOptions);
    }
    if (result.issued_token_type !== ID_JAG_TYPE)
      throw tokenRequestFailed(
        new TypeError(
          `the identity provider issued ${String(result.issued_token_type).slice(0, 80)}, not an ID-JAG`,
        ),
        what,
        context.serverName,
      );
    return result.access_token;
  }
}
