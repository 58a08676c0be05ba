import { MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { ConfigErrorCode, parseMcpConfig } from '../src/index.js';

const user = (name: string) => `$\{user:${name}}`;

describe('user-scoped servers: scope, userIdleTimeout, maxUserConnections, ${user:NAME}', () => {
  it('keeps the keys, and each ${user:NAME} in url, headers, env and args as written (the manager fills it per user)', () => {
    const { mcpServers } = parseMcpConfig(
      {
        mcpServers: {
          gh: {
            url: `https://api.example/${user('ORG')}/mcp`,
            headers: { Authorization: `Bearer ${user('TOKEN')}`, 'X-Team': '${TEAM}' },
            scope: 'user',
            userIdleTimeout: 60_000,
            maxUserConnections: 50,
          },
          local: {
            command: 'node',
            args: ['server.mjs', `--user=${user('ID')}`],
            env: { API_KEY: user('KEY') },
            scope: 'user',
          },
        },
      },
      { env: { TEAM: 'core', TOKEN: 'from-the-environment' } },
    );
    expect(mcpServers.gh).toMatchObject({
      url: `https://api.example/${user('ORG')}/mcp`,
      headers: { Authorization: `Bearer ${user('TOKEN')}`, 'X-Team': 'core' },
      scope: 'user',
      userIdleTimeout: 60_000,
      maxUserConnections: 50,
    });
    expect(mcpServers.local).toMatchObject({
      args: ['server.mjs', `--user=${user('ID')}`],
      env: { API_KEY: user('KEY') },
      scope: 'user',
    });
  });

  it('refuses ${user:NAME} in a shared server, and in a field no user fills, naming the field and the variable', () => {
    const shared = { mcpServers: { s: { command: 'node', env: { KEY: user('KEY') } } } };
    const error = (() => {
      try {
        parseMcpConfig(shared);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as Error).message).toContain('mcpServers.s.env.KEY');
    expect((error as Error).message).toContain(user('KEY'));
    expect((error as Error).message).toContain('user-scoped');
    const inCommand = { mcpServers: { s: { command: user('BIN'), scope: 'user' } } };
    expect(() => parseMcpConfig(inCommand)).toThrow(/mcpServers\.s\.command/);
  });

  it('refuses a scope other than shared or user and a maxUserConnections under 1', () => {
    const bad = { mcpServers: { s: { command: 'node', scope: 'team', maxUserConnections: 0 } } };
    expect(() => parseMcpConfig(bad)).toThrow(MCPConfigError);
    try {
      parseMcpConfig(bad);
    } catch (e) {
      expect((e as MCPConfigError).code).toBe(ConfigErrorCode.CONFIG_INVALID);
      expect((e as Error).message).toMatch(/mcpServers\.s\.scope/);
      expect((e as Error).message).toMatch(/mcpServers\.s\.maxUserConnections/);
    }
  });
});
