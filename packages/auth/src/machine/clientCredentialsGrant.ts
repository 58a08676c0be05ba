import type { GrantContext } from '../flow/authGrant.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import type { MachineClientOptions } from './machineClient.js';
import { MachineGrant } from './machineGrant.js';

export interface ClientCredentialsGrantOptions extends MachineClientOptions {
  clientId: string;
}

/**
 * The `client_credentials` grant (OAuth 2.1 §4.2, the MCP client credentials extension): a machine
 * client with its own credentials, a secret (basic or post) or a private key (`private_key_jwt`).
 * It registers nothing; a renewal runs the grant again, since servers issue no refresh token for it.
 */
export class ClientCredentialsGrant extends MachineGrant {
  readonly name = 'client_credentials';

  constructor(options: ClientCredentialsGrantOptions) {
    super(options, 'ClientCredentialsGrant');
  }

  obtain(context: GrantContext): Promise<TokenSet> {
    return this.tokenRequest(context, 'client_credentials', {}, 'the client credentials');
  }
}
