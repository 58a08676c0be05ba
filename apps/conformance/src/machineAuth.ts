import {
  type AuthGrant,
  AuthorizationCodeGrant,
  ClientCredentialsGrant,
  CrossAppAccessGrant,
  DEFAULT_AUTHORIZATION_TIMEOUT,
  headlessAuthorizationHandler,
  JwtBearerGrant,
  withDPoP,
} from '@org/mcp-auth';
import { authorizedSession } from './authScenarios.js';
import type { ScenarioEnv } from './connect.js';
import type { ScenarioRun } from './scenarios.js';

/** The context fields the machine scenarios send (MCP_CONFORMANCE_CONTEXT); each is a string or absent. */
type Context = Partial<
  Record<
    | 'client_id'
    | 'client_secret'
    | 'private_key_pem'
    | 'signing_algorithm'
    | 'idp_client_id'
    | 'idp_id_token'
    | 'idp_issuer'
    | 'idp_token_endpoint'
    | 'valid_jwt',
    string
  >
>;

/** A field the scenario must have sent; its absence fails the run with the field's name. */
function need(context: Context, field: keyof Context): string {
  const value = context[field];
  if (typeof value !== 'string' || !value) throw new Error(`MCP_CONFORMANCE_CONTEXT has no ${field}`);
  return value;
}

/** The grant each machine scenario configures, as a host would from the credentials it was given. */
const GRANTS: Record<string, (context: Context) => AuthGrant> = {
  'auth/client-credentials-basic': (c) =>
    new ClientCredentialsGrant({ clientId: need(c, 'client_id'), clientSecret: need(c, 'client_secret') }),
  'auth/client-credentials-jwt': (c) =>
    new ClientCredentialsGrant({
      clientId: need(c, 'client_id'),
      privateKey: need(c, 'private_key_pem'),
      signingAlgorithm: c.signing_algorithm,
    }),
  'auth/cross-app-access-complete-flow': crossAppAccess,
  'auth/enterprise-managed-authorization': crossAppAccess,
  'auth/wif-jwt-bearer': (c) =>
    new JwtBearerGrant({ clientId: c.client_id, assertion: need(c, 'valid_jwt') }),
  'auth/dpop': dpopAuthorizationCode,
  'auth/dpop-nonce': dpopAuthorizationCode,
};

function crossAppAccess(c: Context): AuthGrant {
  return new CrossAppAccessGrant({
    clientId: need(c, 'client_id'),
    clientSecret: need(c, 'client_secret'),
    idToken: need(c, 'idp_id_token'),
    idp: {
      clientId: need(c, 'idp_client_id'),
      tokenEndpoint: need(c, 'idp_token_endpoint'),
      issuer: c.idp_issuer,
    },
  });
}

/** The interactive flow (the mocks consent at once) with DPoP-bound tokens. */
function dpopAuthorizationCode(): AuthGrant {
  const handler = headlessAuthorizationHandler();
  return withDPoP(new AuthorizationCodeGrant(handler, { timeout: DEFAULT_AUTHORIZATION_TIMEOUT }));
}

/** The run of a machine-flow scenario (client credentials, cross-app access, workload identity, DPoP), else undefined. */
export function machineAuthRun(name: string): ScenarioRun | undefined {
  const grant = Object.hasOwn(GRANTS, name) ? GRANTS[name] : undefined;
  if (!grant) return undefined;
  return (url: string, env: ScenarioEnv) =>
    authorizedSession(url, env, { grant: grant(env.context as Context) });
}
