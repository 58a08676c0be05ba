import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  type ProtectedMcpServer,
  registerKeyClient,
  startAuthorizationServer,
  startProtectedMcpServer,
} from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HEADLESS_REDIRECT_URI, headlessAuthorizationHandler, OAuthProvider } from '../src/index.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
let client: MCPHttpClient | undefined;

beforeEach(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
});
afterEach(async () => {
  await client?.disconnect();
  await mcp.close();
  await as.close();
});

describe('a pre-registered client with private_key_jwt, through the authorization code flow', () => {
  it('authenticates the code redemption with a client assertion read when needed; the key is in no error', async () => {
    const { clientId, pem } = await registerKeyClient(as, DEFAULT_HEADLESS_REDIRECT_URI);
    let reads = 0;
    const auth = new OAuthProvider({
      authorizationHandler: headlessAuthorizationHandler(),
      client: {
        clientId,
        privateKey: async () => {
          reads++;
          return pem;
        },
      },
    });
    client = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'protected', auth });
    await client.connect();
    expect((await client.callTool('whoami', {})).content).toEqual([{ type: 'text', text: 'user-1' }]);
    const [token] = as.tokenRequests('authorization_code');
    expect(token?.body.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(token?.body.get('client_id') ?? clientId).toBe(clientId);
    expect(token?.authorization).toBeUndefined();
    expect(as.seen.filter((r) => r.path === '/reg')).toHaveLength(1); // only ours: no dynamic registration
    expect(reads).toBe(1);
  });

  it('a key that does not parse is a MCPConfigError naming the field, never the key', async () => {
    const { clientId } = await registerKeyClient(as, DEFAULT_HEADLESS_REDIRECT_URI);
    const notAKey = 'not-a-key-3b2a1c0d9e8f';
    const auth = new OAuthProvider({
      authorizationHandler: headlessAuthorizationHandler(),
      client: { clientId, privateKey: notAKey },
    });
    client = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'protected', auth });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeDefined();
    const text = [String(error), error?.stack, JSON.stringify(error), String(error?.cause)].join('\n');
    expect(text).toContain('privateKey');
    expect(text).not.toContain(notAKey);
  });
});
