import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { MCPHttpClient } from '@org/mcp-transport-http';
import {
  type AuthorizationServer,
  listenLoopback,
  type ProtectedMcpServer,
  startAuthorizationServer,
  startProtectedMcpServer,
  type TestHttpServer,
} from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headlessAuthorizationHandler, OAuthProvider } from '../src/index.js';

let as: AuthorizationServer;
let mcp: ProtectedMcpServer;
let elsewhere: TestHttpServer;
let served: string[];
let client: MCPHttpClient | undefined;

beforeEach(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
  served = [];
  // The authorization server's metadata, copied to another place, as an administrator publishes it.
  const metadata = await (await fetch(`${as.issuer}/.well-known/openid-configuration`)).text();
  as.seen.length = 0;
  elsewhere = await listenLoopback((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/idp/metadata.json')
      res.writeHead(200, { 'content-type': 'application/json' }).end(metadata);
    else if (req.url === '/idp/no-issuer.json')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"token_endpoint":"https://x/t"}');
    else res.writeHead(404).end();
  });
});
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
  await elsewhere.close();
  await mcp.close();
  await as.close();
});

function connectWith(metadataUrl: string) {
  const auth = new OAuthProvider({
    authorizationHandler: headlessAuthorizationHandler(),
    authorizationServerMetadataUrl: metadataUrl,
  });
  client = new MCPHttpClient({ transport: 'http', url: mcp.url }, { name: 'protected', auth });
  return client.connect();
}

const wellKnown = () => as.seen.filter((r) => r.path.startsWith('/.well-known/'));

describe('authorizationServerMetadataUrl (Claude Code: authServerMetadataUrl)', () => {
  it('reads the authorization server metadata there instead of finding it, and authorizes with it', async () => {
    await connectWith(`${elsewhere.origin}/idp/metadata.json`);
    const whoami = await (client as MCPHttpClient).callTool('whoami', {});
    expect(whoami.content).toEqual([{ type: 'text', text: 'user-1' }]);
    expect(served).toEqual(['/idp/metadata.json']);
    expect(wellKnown()).toEqual([]);
    expect(as.tokenRequests('authorization_code')).toHaveLength(1);
  });

  it('fails with AUTH_DISCOVERY_FAILED naming the field when the document is not there or has no issuer; nothing else is tried', async () => {
    for (const [path, why] of [
      ['/idp/missing.json', 'answered HTTP 404'],
      ['/idp/no-issuer.json', 'gave no issuer URL'],
    ] as const) {
      const error = await connectWith(`${elsewhere.origin}${path}`).catch((e: unknown) => e);
      await client?.disconnect();
      expect(error).toBeInstanceOf(MCPAuthError);
      expect(error).toMatchObject({ code: AuthErrorCode.AUTH_DISCOVERY_FAILED });
      expect((error as Error).message).toContain('authServerMetadataUrl');
      expect((error as Error).message).toContain(why);
    }
    expect(wellKnown()).toEqual([]);
  });

  it('refuses a URL that is neither https nor loopback http before any request goes there', async () => {
    const error = await connectWith('http://metadata.example/idp.json').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: AuthErrorCode.AUTH_INSECURE_ENDPOINT });
    expect(served).toEqual([]);
  });
});
