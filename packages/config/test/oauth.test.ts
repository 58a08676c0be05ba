import { MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from '../src/index.js';

const SECRET = 'oauth-client-SECRET-value';
const env = { CLIENT_SECRET: SECRET, CLIENT_ID: 'client-7' };

function parse(server: object, file?: string) {
  return parseMcpConfig({ mcpServers: { remote: server } }, { env, ...(file && { file }) }).mcpServers.remote;
}

function issuesOf(server: object): readonly { path: string; message: string }[] {
  try {
    parse(server);
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    const configError = error as MCPConfigError;
    expect(`${configError.message}${JSON.stringify(configError.issues)}`).not.toContain(SECRET);
    expect(configError.serverName).toBe('remote');
    return configError.issues;
  }
  throw new Error('expected an MCPConfigError');
}

const url = 'https://mcp.example.com/mcp';

describe('the oauth block', () => {
  it("takes Claude Code's shape: clientId, callbackPort, scopes as one string", () => {
    expect(
      parse({ type: 'http', url, oauth: { clientId: 'abc', callbackPort: 8080, scopes: 'read write' } }),
    ).toMatchObject({ oauth: { clientId: 'abc', callbackPort: 8080, scopes: ['read', 'write'] } });
  });

  it("takes VS Code's shape (servers, type, oauth.clientId)", () => {
    const config = parseMcpConfig(
      { servers: { remote: { type: 'http', url, oauth: { clientId: 'vs' } } } },
      { env },
    );
    expect(config.mcpServers.remote).toMatchObject({ oauth: { clientId: 'vs' } });
  });

  it("takes Cursor's auth block, CLIENT_SECRET through ${env:VAR}", () => {
    expect(
      parse({
        url,
        auth: { CLIENT_ID: '${CLIENT_ID}', CLIENT_SECRET: '${env:CLIENT_SECRET}', scopes: ['a', 'b'] },
      }),
    ).toMatchObject({ oauth: { clientId: 'client-7', clientSecret: SECRET, scopes: ['a', 'b'] } });
  });

  it('takes a redirect URI, a client metadata document URL and a private key file resolved against the config', () => {
    expect(
      parse(
        {
          type: 'http',
          url,
          oauth: {
            clientId: 'abc',
            redirectUri: 'http://127.0.0.1:9000/cb',
            clientMetadataUrl: 'https://client.example.com/meta.json',
            authServerMetadataUrl: 'https://idp.example.com/.well-known/openid-configuration',
            privateKeyFile: 'keys/client.pem',
          },
        },
        '/etc/mcp/mcp_servers.json',
      ),
    ).toMatchObject({
      oauth: {
        redirectUri: 'http://127.0.0.1:9000/cb',
        clientMetadataUrl: 'https://client.example.com/meta.json',
        authServerMetadataUrl: 'https://idp.example.com/.well-known/openid-configuration',
        privateKeyFile: '/etc/mcp/keys/client.pem',
      },
    });
  });

  it('oauth: false says never authorize; Windsurf serverUrl works with it', () => {
    expect(parse({ serverUrl: url, headers: { authorization: 'Bearer x' }, oauth: false })).toMatchObject({
      oauth: false,
      headers: { authorization: 'Bearer x' },
    });
  });

  it('no block: no oauth field', () => {
    expect(parse({ type: 'http', url })).not.toHaveProperty('oauth');
  });

  it('refuses a client secret written in the file, naming server and field, never the value', () => {
    expect(issuesOf({ url, oauth: { clientId: 'abc', clientSecret: SECRET } })).toEqual([
      {
        path: 'mcpServers.remote.oauth.clientSecret',
        message:
          'a client secret is only taken as a ${VAR} reference to the environment, never written in the file',
      },
    ]);
    expect(issuesOf({ url, auth: { CLIENT_ID: 'abc', CLIENT_SECRET: `x-${SECRET}` } })[0]?.path).toBe(
      'mcpServers.remote.auth.CLIENT_SECRET',
    );
  });

  it('names each wrong field', () => {
    const issues = issuesOf({
      url,
      oauth: {
        clientSecret: '${CLIENT_SECRET}',
        callbackPort: 8080,
        redirectUri: 'not a url',
        clientMetadataUrl: 'http://client.example.com/meta.json',
        authServerMetadataUrl: 'idp.example.com/metadata',
      },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'mcpServers.remote.oauth.clientSecret',
      'mcpServers.remote.oauth.redirectUri',
      'mcpServers.remote.oauth.redirectUri',
      'mcpServers.remote.oauth.clientMetadataUrl',
      'mcpServers.remote.oauth.authServerMetadataUrl',
    ]);
    expect(issuesOf({ url, oauth: { callbackPort: 70_000 } })[0]).toEqual({
      path: 'mcpServers.remote.oauth.callbackPort',
      message: 'must be a port from 1 to 65535',
    });
    expect(issuesOf({ url, oauth: { clientId: 'a' }, auth: { CLIENT_ID: 'b' } })[0]?.path).toBe(
      'mcpServers.remote.auth',
    );
    expect(issuesOf({ command: 'node', oauth: { clientId: 'a' } })[0]).toEqual({
      path: 'mcpServers.remote.oauth',
      message: 'only a remote server authorizes with OAuth',
    });
  });

  it('an unset variable in the secret is reported by name', () => {
    const issues = issuesOf({ url, oauth: { clientId: 'abc', clientSecret: '${NOT_SET}' } });
    expect(issues[0]?.path).toBe('mcpServers.remote.oauth.clientSecret');
    expect(issues[0]?.message).toContain('NOT_SET');
  });
});
