import * as oauth from 'oauth4webapi';
import type { GrantContext } from '../flow/authGrant.js';
import { tokenRequestFailed, tokenSetFrom } from '../flow/tokenResponse.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import type { MachineClient } from './machineClient.js';

export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * One token request of a machine grant at the MCP server's authorization server, with RFC 8707
 * `resource` and the scope asked for; `what` names the grant in errors ("the client credentials").
 * A failure is AUTH_TOKEN_FAILED with the server's `error` and never the answer's body.
 */
export async function machineTokenRequest(
  context: GrantContext,
  machine: MachineClient,
  grantType: string,
  parameters: Record<string, string>,
  what: string,
): Promise<TokenSet> {
  const as = context.authorizationServer;
  const body = new URLSearchParams(parameters);
  body.set('resource', context.resource);
  const scope = machineScope(context);
  if (scope) body.set('scope', scope);
  // A key that does not fit its algorithm is the caller's configuration: MCPConfigError, as it is.
  const auth = await machine.auth(as, context.serverName);
  try {
    const response = await oauth.genericTokenEndpointRequest(
      as,
      machine.client,
      auth,
      grantType,
      body,
      context.requestOptions,
    );
    const result = await oauth.processGenericTokenEndpointResponse(as, machine.client, response);
    return tokenSetFrom(result, scope, (context.now ?? Date.now)());
  } catch (error) {
    throw tokenRequestFailed(error, what, context.serverName, context.requestOptions);
  }
}

/** The scope a machine grant asks for: offline_access is a user's consent to refresh tokens, and a machine grant renews by running again. */
export function machineScope(context: GrantContext): string | undefined {
  return (
    context.scope
      ?.split(' ')
      .filter((s) => s && s !== 'offline_access')
      .join(' ') || undefined
  );
}
