import { AuthErrorCode, MCPAuthError, type MCPErrorCode } from '@org/mcp-core';
import { MCPHttpClient } from '@org/mcp-transport-http';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessAuthorizationHandler, OAuthProvider } from '../src/index.js';
import {
  type HostileWorld,
  type Hostility,
  SECRET_MARK,
  startHostileWorld,
} from './fixtures/hostileServers.js';

let world: HostileWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Connects through an OAuthProvider to a hostile world; resolves with the error, checked for secrets. */
async function refusal(hostility: Hostility): Promise<MCPAuthError> {
  world = await startHostileWorld(hostility);
  const auth = new OAuthProvider({ authorizationHandler: headlessAuthorizationHandler() });
  const client = new MCPHttpClient({ transport: 'http', url: world.mcpUrl }, { name: 'hostile', auth });
  const error = await client.connect().then(
    () => undefined,
    (e: unknown) => e,
  );
  await client.disconnect();
  expect(error).toBeInstanceOf(MCPAuthError);
  const text = `${(error as Error).message}\n${(error as Error).stack}\n${JSON.stringify(error)}\n${String((error as Error).cause)}`;
  expect(text).not.toContain(SECRET_MARK);
  // Whatever went wrong, the MCP server never received a credential.
  expect(world.mcp.filter((r) => r.authorization)).toEqual([]);
  return error as MCPAuthError;
}

const codeOf = (e: MCPAuthError): MCPErrorCode => e.code;
const asPaths = () => (world as HostileWorld).as.map((r) => r.path);

describe('hostile metadata and answers are refused with typed errors, and nothing goes astray', () => {
  it('a PRM for another resource: AUTH_RESOURCE_MISMATCH, the authorization server is never asked', async () => {
    const error = await refusal({ prmResource: () => 'https://elsewhere.example/mcp' });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_RESOURCE_MISMATCH);
    expect(error.message).toContain('https://elsewhere.example/mcp');
    expect(asPaths()).toEqual([]);
  });

  it('metadata naming another issuer: AUTH_ISSUER_MISMATCH, no registration, authorization or token request', async () => {
    const error = await refusal({ metadata: (good) => ({ ...good, issuer: 'https://attacker.example' }) });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_ISSUER_MISMATCH);
    expect(asPaths().every((p) => p.startsWith('/.well-known/'))).toBe(true);
  });

  it('a token endpoint on plain http off loopback: AUTH_INSECURE_ENDPOINT before anything is sent', async () => {
    const error = await refusal({
      metadata: (good) => ({ ...good, token_endpoint: 'http://tokens.example/token' }),
    });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_INSECURE_ENDPOINT);
    expect(error.message).toContain('http://tokens.example');
    expect(asPaths().every((p) => p.startsWith('/.well-known/'))).toBe(true);
  });

  it('a token response without access_token: AUTH_TOKEN_FAILED, its refresh token in no message', async () => {
    const error = await refusal({
      token: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ token_type: 'Bearer', refresh_token: `${SECRET_MARK}-refresh` }));
      },
    });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_TOKEN_FAILED);
    expect(error.message).toContain('access_token');
  });

  it('a 50 MB token response: AUTH_TOKEN_FAILED after reading at most the limit', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const error = await refusal({
      token: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const more = () => {
          while (sent < 50 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        res.on('error', () => {});
        more();
      },
    });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_TOKEN_FAILED);
    expect(error.message).toContain('larger than 1048576 bytes');
  });

  it('a callback with the wrong state: AUTH_AUTHORIZATION_FAILED, the code is never redeemed', async () => {
    const error = await refusal({ callback: (params) => params.set('state', 'forged') });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_AUTHORIZATION_FAILED);
    expect(error.message).toContain('wrong state');
    expect(asPaths()).not.toContain('/token');
  });

  it('a callback with another iss: AUTH_ISSUER_MISMATCH, the code is never redeemed', async () => {
    const error = await refusal({ callback: (params) => params.set('iss', 'https://attacker.example') });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_ISSUER_MISMATCH);
    expect(asPaths()).not.toContain('/token');
  });

  it('a callback without iss from a server that promises it: AUTH_ISSUER_MISMATCH', async () => {
    const error = await refusal({ callback: (params) => params.delete('iss') });
    expect(codeOf(error)).toBe(AuthErrorCode.AUTH_ISSUER_MISMATCH);
    expect(asPaths()).not.toContain('/token');
  });
});
