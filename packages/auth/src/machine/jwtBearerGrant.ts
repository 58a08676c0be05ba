import type { GrantContext } from '../flow/authGrant.js';
import type { TokenSet } from '../tokens/tokenSet.js';
import { type AssertionSource, assertionOf } from './assertionSource.js';
import type { MachineClientOptions } from './machineClient.js';
import { MachineGrant } from './machineGrant.js';
import { JWT_BEARER_GRANT_TYPE } from './machineTokenRequest.js';

export interface JwtBearerGrantOptions extends MachineClientOptions {
  /** The JWT the workload presents (its `aud` must be the authorization server's issuer). A secret. */
  assertion: AssertionSource;
}

/**
 * The RFC 7523 JWT-bearer grant for workload identity: a JWT the platform issued the workload
 * (Kubernetes, a cloud's metadata service, a CI job) is exchanged for an access token. Client
 * authentication is optional; without `clientId` none is sent. A refused assertion fails at once
 * with the server's error: no retry and no other grant is tried.
 */
export class JwtBearerGrant extends MachineGrant {
  readonly name = 'jwt_bearer';
  private readonly assertion: AssertionSource;

  constructor(options: JwtBearerGrantOptions) {
    super(options, 'JwtBearerGrant', true);
    this.assertion = options.assertion;
  }

  async obtain(context: GrantContext): Promise<TokenSet> {
    const assertion = await assertionOf(this.assertion, context, 'the JWT assertion');
    return this.tokenRequest(context, JWT_BEARER_GRANT_TYPE, { assertion }, 'the JWT assertion');
  }
}
