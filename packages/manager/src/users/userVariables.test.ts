import { ConfigErrorCode, MCPConfigError, type MCPServerConfig } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { userConfigOf } from './userVariables.js';

const ref = (name: string) => `$\{user:${name}}`;

describe('userConfigOf', () => {
  it("fills url and headers of a remote server, env and args of a local one, with the user's values", () => {
    const remote = {
      transport: 'http',
      url: `https://h/${ref('ORG')}/mcp`,
      headers: { Authorization: `Bearer ${ref('TOKEN')}` },
      scope: 'user',
      maxUserConnections: 3,
    } as MCPServerConfig;
    const { config, used } = userConfigOf('gh', remote, { ORG: 'acme', TOKEN: 't0k3n', OTHER: 'x' }, 500);
    expect(config).toEqual({
      transport: 'http',
      url: 'https://h/acme/mcp',
      headers: { Authorization: 'Bearer t0k3n' },
      start: 'lazy',
      idleTimeout: 500,
    });
    expect([...used]).toEqual([
      ['ORG', 'acme'],
      ['TOKEN', 't0k3n'],
    ]);
    const local = {
      command: 'srv',
      args: [`--u=${ref('ID')}`],
      env: { K: ref('KEY') },
      scope: 'user',
    } as MCPServerConfig;
    expect(userConfigOf('l', local, { ID: 'a', KEY: 'k' }, 0).config).toMatchObject({
      command: 'srv',
      args: ['--u=a'],
      env: { K: 'k' },
    });
  });

  it('a missing variable is an MCPConfigError naming the server, the field and the variable, never a value', () => {
    const local = { command: 'srv', env: { A: ref('A'), B: ref('B') }, scope: 'user' } as MCPServerConfig;
    let error: unknown;
    try {
      userConfigOf('l', local, { A: 'value-of-a' }, 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(error).toMatchObject({ code: ConfigErrorCode.CONFIG_VARIABLE_UNSET });
    const message = (error as Error).message;
    expect(message).toContain('"l"');
    expect(message).toContain('env.B');
    expect(message).toContain(ref('B'));
    expect(message).not.toContain('value-of-a');
  });

  it('takes no value from the environment', () => {
    process.env.USERS_TEST_VARIABLE = 'from-env';
    const local = { command: 'srv', args: [ref('USERS_TEST_VARIABLE')], scope: 'user' } as MCPServerConfig;
    expect(() => userConfigOf('l', local, {}, 0)).toThrow(MCPConfigError);
    delete process.env.USERS_TEST_VARIABLE;
  });
});
