import type { GrantContext } from '../flow/authGrant.js';
import { tokenRequestFailed } from '../flow/tokenResponse.js';

/**
 * A JWT a grant presents: as it is, or a function that returns a fresh one each time tokens are
 * needed (a workload's projected token file, a cloud metadata endpoint, the user's SSO login).
 * `audience` is the authorization server's issuer. What it returns is a secret.
 */
export type AssertionSource =
  | string
  | ((context: { audience: string; signal: AbortSignal }) => string | Promise<string>);

/** The assertion of a source; a source that throws or returns nothing is AUTH_TOKEN_FAILED naming `what`. */
export async function assertionOf(
  source: AssertionSource,
  context: GrantContext,
  what: string,
): Promise<string> {
  try {
    const assertion =
      typeof source === 'string'
        ? source
        : await source({ audience: context.authorizationServer.issuer, signal: context.signal });
    if (typeof assertion !== 'string' || !assertion) throw new TypeError(`${what} is empty`);
    return assertion;
  } catch (error) {
    throw tokenRequestFailed(error, `getting ${what}`, context.serverName, context.requestOptions);
  }
}
