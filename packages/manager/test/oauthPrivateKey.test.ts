import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HEADLESS_REDIRECT_URI, headlessAuthorizationHandler } from '@org/mcp-auth';
import { registerKeyClient } from '@org/test-utils';
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
    const { clientId, pem } = await registerKeyClient(servers.as, DEFAULT_HEADLESS_REDIRECT_URI);
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
    const { clientId } = await registerKeyClient(servers.as, DEFAULT_HEADLESS_REDIRECT_URI);
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
