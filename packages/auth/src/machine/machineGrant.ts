import type { AuthGrant, GrantContext } from '../flow/authGrant.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import { type MachineClient, type MachineClientOptions, machineClient } from './machineClient.js';
import { machineTokenRequest } from './machineTokenRequest.js';

/**
 * What every machine grant shares: its own client credentials (checked at construction), no
 * registration, and token requests at the MCP server's authorization server.
 */
export abstract class MachineGrant implements AuthGrant {
  abstract readonly name: string;
  readonly registers = false;
  private readonly machine: MachineClient;

  /** `anonymous`: the grant may go without client authentication (RFC 7523 §3.1). */
  protected constructor(options: MachineClientOptions, what: string, anonymous = false) {
    this.machine = machineClient(options, what, anonymous);
  }

  abstract obtain(context: GrantContext): Promise<TokenSet>;

  /** One token request of `grantType` with this grant's client; `what` names it in errors. */
  protected tokenRequest(
    context: GrantContext,
    grantType: string,
    parameters: Record<string, string>,
    what: string,
  ): Promise<TokenSet> {
    return machineTokenRequest(context, this.machine, grantType, parameters, what);
  }
}
