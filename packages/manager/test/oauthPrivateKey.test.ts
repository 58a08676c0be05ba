import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HEADLESS_REDIRECT_URI, headlessAuthorizationHandler } from '@org/mcp-auth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MCPConnectionManager } from '../src/index.js';
import { startProtected } from './oauthServers.js';

let servers: Awaited<ReturnType<typeof startProtected>>;
let manager: MCPConnectionManager | undefined;
let dir: string;
beforeEach(async () => {
  servers = await startProtected();
  dir = mkdtempSync(join(tmpdir(), 'mcp-private-key-'));
});
afterEach(async () => {
  await manager?.shutdown();
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The client an administrator registered for this app: authorization code, private_key_jwt with this key. */
async function preRegistered(): Promise<{ clientId: string; pem: string }> {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' };
  const response = await fetch(`${servers.as.issuer}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      application_type: 'native',
      redirect_uris: [DEFAULT_HEADLESS_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [jwk] },
    }),
  });
  const { client_id } = (await response.json()) as { client_id: string };
  return { clientId: client_id, pem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

function configWith(oauth: Record<string, unknown>): string {
  const file = join(dir, 'mcp_servers.json');
  writeFileSync(
    file,
    JSON.stringify({ mcpServers: { protected: { type: 'http', url: servers.mcp.url, oauth } } }),
  );
  return file;
}

describe('oauth.privateKeyFile in mcp_servers.json', () => {
  it('authenticates the pre-registered client with private_key_jwt, the key read from the file beside the config', async () => {
    const { clientId, pem } = await preRegistered();
    writeFileSync(join(dir, 'client.pem'), pem, { mode: 0o600 });
    manager = new MCPConnectionManager({ authorizationHandler: headlessAuthorizationHandler() });
    await manager.initialize(configWith({ clientId, privateKeyFile: './client.pem' }));
    await manager.connectServer('protected');
    const result = await manager.callTool('protected__whoami', {});
    expect(result.content).toEqual([{ type: 'text', text: 'user-1' }]);
    const [token] = servers.as.tokenRequests('authorization_code');
    expect(token?.body.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(JSON.stringify(await manager.getServerStatus())).not.toContain('PRIVATE KEY');
  });

  it('a key file that is not there fails the server with an error naming the field and the path', async () => {
    const { clientId } = await preRegistered();
    manager = new MCPConnectionManager({ authorizationHandler: headlessAuthorizationHandler() });
    await manager.initialize(configWith({ clientId, privateKeyFile: './missing.pem' }));
    const error = await manager.connectServer('protected').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('mcpServers.protected.oauth.privateKeyFile');
    expect(error?.message).toContain('missing.pem');
  });
});
