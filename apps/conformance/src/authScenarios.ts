import { headlessAuthorizationHandler, OAuthProvider, type OAuthProviderOptions } from '@org/mcp-auth';
import type { ScenarioEnv } from './connect.js';
import { connect } from './connect.js';

/** The client ID metadata document URL `auth/basic-cimd` expects; used only where a server advertises CIMD. */
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';

/**
 * The provider for an `auth/*` scenario, as a host with a headless handler (the mocks consent at
 * once, answering the authorization URL with a 302) would configure it; `auth/pre-registration`
 * brings its client in MCP_CONFORMANCE_CONTEXT.
 */
export function authProvider(env: ScenarioEnv, extra: OAuthProviderOptions = {}): OAuthProvider {
  const { client_id: clientId, client_secret: clientSecret } = env.context as {
    client_id?: string;
    client_secret?: string;
  };
  return new OAuthProvider({
    serverName: 'conformance',
    authorizationHandler: headlessAuthorizationHandler(),
    clientMetadataUrl: CLIENT_METADATA_URL,
    client: clientId ? { clientId, clientSecret } : undefined,
    ...extra,
  });
}

/**
 * An authorized session: connect, list the tools, and call the first one (a call is where
 * step-up scenarios ask for more scope). A refusal (resource or issuer mismatch, a rejected
 * callback) throws: the scenarios that test it accept the error exit.
 */
export async function authorizedSession(
  url: string,
  env: ScenarioEnv,
  extra?: OAuthProviderOptions,
): Promise<void> {
  const client = await connect(url, { auth: authProvider(env, extra) });
  try {
    const [tool] = await client.getTools();
    if (tool) await client.callTool(tool.name, {});
  } finally {
    await client.disconnect();
  }
}
