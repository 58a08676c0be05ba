import { MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from '../src/index.js';

const PROXY_PASSWORD = 'proxy-PASSWORD-value';
const KEY_PASSPHRASE = 'key-PASSPHRASE-value';
const env = { PROXY_PASSWORD, KEY_PASSPHRASE, CERTS: '/etc/corp' };
const url = 'https://mcp.example.com/mcp';

function parse(server: object, file?: string) {
  return parseMcpConfig({ mcpServers: { remote: server } }, { env, ...(file && { file }) }).mcpServers.remote;
}

function issuesOf(server: object): readonly { path: string; message: string }[] {
  try {
    parse(server);
  } catch (error) {
    expect(error).toBeInstanceOf(MCPConfigError);
    const configError = error as MCPConfigError;
    const shown = `${configError.message}${JSON.stringify(configError.issues)}`;
    expect(shown).not.toContain(PROXY_PASSWORD);
    expect(shown).not.toContain(KEY_PASSPHRASE);
    return configError.issues;
  }
  throw new Error('expected an MCPConfigError');
}

describe('network settings of a remote server', () => {
  it('takes a proxy with ${VAR} credentials, and ca, cert and key resolved against the config file', () => {
    expect(
      parse(
        {
          type: 'http',
          url,
          proxy: 'http://me:${PROXY_PASSWORD}@proxy.corp:3128',
          ca: 'certs/ca.pem',
          cert: '${CERTS}/client.pem',
          key: '${CERTS}/client.key',
          passphrase: '${KEY_PASSPHRASE}',
          cookies: false,
        },
        '/home/me/project/mcp.json',
      ),
    ).toEqual({
      transport: 'http',
      url,
      enabled: true,
      proxy: `http://me:${PROXY_PASSWORD}@proxy.corp:3128`,
      ca: '/home/me/project/certs/ca.pem',
      cert: '/etc/corp/client.pem',
      key: '/etc/corp/client.key',
      passphrase: KEY_PASSPHRASE,
      cookies: false,
    });
  });

  it('takes proxy: false and insecureSkipVerify on an sse server', () => {
    expect(parse({ type: 'sse', url, proxy: false, insecureSkipVerify: true })).toMatchObject({
      transport: 'sse',
      proxy: false,
      insecureSkipVerify: true,
    });
  });

  it('refuses a proxy that is no http(s) URL without quoting it, a passphrase written in the file, a cert without key', () => {
    expect(issuesOf({ type: 'http', url, proxy: 'socks5://me:${PROXY_PASSWORD}@proxy:1080' })).toEqual([
      { path: 'mcpServers.remote.proxy', message: expect.stringContaining('not a valid proxy URL') },
    ]);
    expect(issuesOf({ type: 'http', url, cert: 'c.pem', key: 'k.pem', passphrase: KEY_PASSPHRASE })).toEqual([
      { path: 'mcpServers.remote.passphrase', message: expect.stringContaining('${VAR} reference') },
    ]);
    expect(issuesOf({ type: 'http', url, cert: 'c.pem' })).toEqual([
      { path: 'mcpServers.remote.cert', message: expect.stringContaining('needs both "cert" and "key"') },
    ]);
  });

  it('refuses network settings on a stdio server', () => {
    expect(
      issuesOf({ command: 'node', args: ['server.js'], proxy: 'http://proxy:3128', ca: 'ca.pem' }),
    ).toEqual([
      { path: 'mcpServers.remote.proxy', message: expect.stringContaining('only a remote') },
      { path: 'mcpServers.remote.ca', message: expect.stringContaining('only a remote') },
    ]);
  });
});
