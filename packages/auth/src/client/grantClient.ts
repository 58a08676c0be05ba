import type { AuthGrant } from '../flow/authGrant.js';
import type { ClientRegistration } from './clientRegistration.js';
import { type RegistrationRequest, registerClient } from './registerClient.js';

/**
 * The client a grant's token requests go out as: for a grant that `registers`, the registration
 * order's; for one that does not, none. Without a grant, only a client known already can redeem a
 * refresh token: the pre-registered one (for its issuer), or one registered before and stored.
 */
export async function grantClient(
  grant: AuthGrant | undefined,
  request: Omit<RegistrationRequest, 'redirectUri'>,
): Promise<ClientRegistration | undefined> {
  if (grant)
    return grant.registers
      ? registerClient({ ...request, redirectUri: await grant.redirectUri?.() })
      : undefined;
  const { client } = request.options;
  if (client)
    return client.issuer === undefined || client.issuer === request.context.issuer ? client : undefined;
  return registerClient({ ...request, redirectUri: undefined }).catch(() => undefined);
}
