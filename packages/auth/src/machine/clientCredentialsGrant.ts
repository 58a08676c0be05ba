import type { AuthGrant, GrantContext } from '../authGrant.js';
import type { TokenSet } from '../tokenSet.js';
import { type MachineClient, type MachineClientOptions, machineClient } from './machineClient.js';
import { machineTokenRequest } from './machineTokenRequest.js';

export interface ClientCredentialsGrantOptions extends MachineClientOptions {
  clientId: string;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * The `client_credentials` grant (OAuth 2.1 §4.2, the MCP client credentials extension): a machine
 * client with its own credentials, a secret (basic or post) or a private key (`private_key_jwt`).
 * It registers nothing; a refresh runs the grant again, since servers issue no refresh token for it.
 */
export class ClientCredentialsGrant implements AuthGrant {
  readonly name = 'client_credentials';
  readonly registers = false;
  private readonly machine: MachineClient;
  private readonly now: () => number;

  constructor(options: ClientCredentialsGrantOptions) {
    this.machine = machineClient(options, 'ClientCredentialsGrant');
    this.now = options.now ?? Date.now;
  }

  obtain(context: GrantContext): Promise<TokenSet> {
    return machineTokenRequest(
      context,
      this.machine,
      'client_credentials',
      {},
      'the client credentials',
      this.now,
    );
  }
}
