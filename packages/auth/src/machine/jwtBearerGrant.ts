import type { AuthGrant, GrantContext } from '../authGrant.js';
import type { TokenSet } from '../tokenSet.js';
import { type AssertionSource, assertionOf } from './assertionSource.js';
import { type MachineClient, type MachineClientOptions, machineClient } from './machineClient.js';
import { JWT_BEARER_GRANT_TYPE, machineTokenRequest } from './machineTokenRequest.js';

export interface JwtBearerGrantOptions extends MachineClientOptions {
  /** The JWT the workload presents (its `aud` must be the authorization server's issuer). A secret. */
  assertion: AssertionSource;
  now?: (() => number) | undefined;
}

/**
 * The RFC 7523 JWT-bearer grant for workload identity: a JWT the platform issued the workload
 * (Kubernetes, a cloud's metadata service, a CI job) is exchanged for an access token. Client
 * authentication is optional; without `clientId` none is sent. A refused assertion fails at once
 * with the server's error: no retry and no other grant is tried.
 */
export class JwtBearerGrant implements AuthGrant {
  readonly name = 'jwt_bearer';
  readonly registers = false;
  private readonly machine: MachineClient;
  private readonly assertion: AssertionSource;
  private readonly now: () => number;

  constructor(options: JwtBearerGrantOptions) {
    this.machine = machineClient(options, 'JwtBearerGrant', true);
    this.assertion = options.assertion;
    this.now = options.now ?? Date.now;
  }

  async obtain(context: GrantContext): Promise<TokenSet> {
    const assertion = await assertionOf(this.assertion, context, 'the JWT assertion');
    return machineTokenRequest(
      context,
      this.machine,
      JWT_BEARER_GRANT_TYPE,
      { assertion },
      'the JWT assertion',
      this.now,
    );
  }
}
