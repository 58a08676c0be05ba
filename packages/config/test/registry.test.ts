import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { ConfigErrorCode, DEFAULT_REGISTRY_PREFERENCE, loadMcpConfig, parseMcpConfig } from '../src/index.js';

const registry = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/registry');
const fixture = (file: string) => join(registry, file);
const serverJson = (file: string) => JSON.parse(readFileSync(fixture(file), 'utf8'));

const env = {
  AIRTABLE_API_KEY: 'pat-airtable',
  QISKIT_IBM_TOKEN: 'ibm-token',
  AUTHORIZATION: 'Bearer apify-token',
};

/** The error a load rejects with, to look at its code and issues. */
async function failure(promise: Promise<unknown>): Promise<MCPConfigError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MCPConfigError);
  return error as MCPConfigError;
}

describe('a server.json file as the whole config', () => {
  it('npm: npx -y <id>@<version>, the required variable as ${VAR}, expanded', async () => {
    expect(await loadMcpConfig(fixture('airtable-mcp-server.server.json'), { env })).toEqual({
      mcpServers: {
        'airtable-mcp-server': {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', 'airtable-mcp-server@1.7.3'],
          env: { AIRTABLE_API_KEY: 'pat-airtable' },
          enabled: true,
        },
      },
    });
  });

  it('oci when preferred: docker run -i --rm, -e for each variable, the tagged image', async () => {
    const config = await loadMcpConfig(fixture('airtable-mcp-server.server.json'), {
      env,
      registryPreference: ['oci'],
    });
    expect(config.mcpServers['airtable-mcp-server']).toEqual({
      transport: 'stdio',
      command: 'docker',
      args: ['run', '-i', '--rm', '-e', 'AIRTABLE_API_KEY', 'docker.io/domdomegg/airtable-mcp-server:1.7.3'],
      env: { AIRTABLE_API_KEY: 'pat-airtable' },
      enabled: true,
    });
  });

  it('pypi: uvx <id>==<version>; an optional variable without default is left out', async () => {
    expect(await loadMcpConfig(fixture('qiskit-ibm-runtime-mcp-server.server.json'), { env })).toEqual({
      mcpServers: {
        'qiskit-ibm-runtime-mcp-server': {
          transport: 'stdio',
          command: 'uvx',
          args: ['qiskit-ibm-runtime-mcp-server==0.3.0'],
          env: { QISKIT_IBM_TOKEN: 'ibm-token' },
          enabled: true,
        },
      },
    });
  });

  it('a scoped npm name, its optional secret left out', async () => {
    expect((await loadMcpConfig(fixture('context7.server.json'), { env })).mcpServers.context7).toEqual({
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@upstash/context7-mcp@1.0.26'],
      enabled: true,
    });
  });

  it('a streamable-http remote: an http server, its required header from ${AUTHORIZATION}', async () => {
    expect(await loadMcpConfig(fixture('apify-mcp-server.server.json'), { env })).toEqual({
      mcpServers: {
        'apify-mcp-server': {
          transport: 'http',
          url: 'https://mcp.apify.com/',
          headers: { Authorization: 'Bearer apify-token' },
          enabled: true,
        },
      },
    });
  });

  it('an sse remote: an sse server', async () => {
    expect(
      (await loadMcpConfig(fixture('decisionrules.server.json'), { env })).mcpServers['mcp-server'],
    ).toEqual({
      transport: 'sse',
      url: 'https://api.decisionrules.io/mcp',
      enabled: true,
    });
  });

  it('a required variable that is unset is the usual VARIABLE_UNSET error, naming the variable, never a value', async () => {
    const error = await failure(loadMcpConfig(fixture('airtable-mcp-server.server.json'), { env: {} }));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_VARIABLE_UNSET);
    expect(error.issues).toEqual([
      {
        path: 'airtable-mcp-server.env.AIRTABLE_API_KEY',
        message: expect.stringContaining('variable AIRTABLE_API_KEY is not set'),
      },
    ]);
  });
});

describe('server.json entries among other servers, and lists of them', () => {
  it('under mcpServers, beside a usual entry, with config keys of its own that win', () => {
    const config = parseMcpConfig(
      {
        mcpServers: {
          qiskit: {
            ...serverJson('qiskit-ibm-runtime-mcp-server.server.json'),
            env: { QISKIT_IBM_RUNTIME_MCP_INSTANCE: 'crn:v1' },
            timeout: 60_000,
          },
          apify: { ...serverJson('apify-mcp-server.server.json'), enabled: false },
          local: { command: 'node', args: ['server.js'] },
        },
      },
      { env },
    );
    expect(config.mcpServers.qiskit).toMatchObject({
      command: 'uvx',
      env: { QISKIT_IBM_TOKEN: 'ibm-token', QISKIT_IBM_RUNTIME_MCP_INSTANCE: 'crn:v1' },
      timeout: 60_000,
    });
    expect(config.mcpServers.apify).toMatchObject({ transport: 'http', enabled: false });
    expect(config.mcpServers.local).toMatchObject({ command: 'node' });
  });

  it("a list, and the registry API's { servers: [{ server }] }, each named after its name's last segment", () => {
    const list = [serverJson('context7.server.json'), serverJson('decisionrules.server.json')];
    const names = ['context7', 'mcp-server'];
    expect(Object.keys(parseMcpConfig(list, { env }).mcpServers)).toEqual(names);
    const answer = { servers: list.map((server) => ({ server, _meta: {} })), metadata: { count: 2 } };
    expect(Object.keys(parseMcpConfig(answer, { env }).mcpServers)).toEqual(names);
  });

  it('the preference decides between packages and remotes; kinds left out of it are never chosen', () => {
    const both = { name: 'io.example/both', ...serverJson('airtable-mcp-server.server.json') };
    both.remotes = serverJson('apify-mcp-server.server.json').remotes;
    expect(DEFAULT_REGISTRY_PREFERENCE).toEqual(['npm', 'pypi', 'oci', 'streamable-http', 'sse']);
    const pick = (registryPreference: Array<'npm' | 'pypi' | 'oci' | 'streamable-http' | 'sse'>) =>
      parseMcpConfig(both, { env, registryPreference }).mcpServers['airtable-mcp-server'];
    expect(pick(['streamable-http', 'npm'])).toMatchObject({
      transport: 'http',
      url: 'https://mcp.apify.com/',
    });
    expect(pick(['oci', 'npm'])).toMatchObject({ command: 'docker' });
    expect(() => pick(['pypi', 'sse'])).toThrow(MCPConfigError);
  });
});

describe('bad entries: typed config errors with dot paths', () => {
  it("the registry's seed list: the same server twice, and servers offering nothing this loader runs", async () => {
    const error = await failure(loadMcpConfig(fixture('seed.json'), { env }));
    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(error.issues).toEqual([
      {
        path: '[1].name',
        message: 'names the same server as another entry ("airtable-mcp-server"); keep one of them',
      },
      {
        path: '[2].packages',
        message:
          'offers nothing the preference (npm, pypi, oci, streamable-http, sse) runs: it offers nuget; npm, pypi and oci packages run over stdio, remotes over streamable-http or sse',
      },
      { path: '[4].packages', message: expect.stringContaining('it offers smithery;') },
    ]);
  });

  it('with strict: false, a bad server fails alone and the rest load', () => {
    const list = [
      serverJson('qiskit-ibm-runtime-mcp-server.server.json'),
      { name: 'io.example/broken', packages: [{ registryType: 'npm', identifier: 'x' }] },
    ];
    const config = parseMcpConfig(list, { env, strict: false });
    expect(Object.keys(config.mcpServers)).toEqual(['qiskit-ibm-runtime-mcp-server']);
    expect(config.failed?.broken?.issues).toEqual([
      {
        path: '[1].packages.0.version',
        message: 'required for packages from npm: the registry pins the version to run',
      },
    ]);
  });

  it.each([
    [
      'a package without identifier',
      { packages: [{ registryType: 'npm', version: '1.0.0' }] },
      'mcpServers.x.packages.0.identifier',
    ],
    [
      'an argument of an unknown type',
      {
        packages: [
          { registryType: 'npm', identifier: 'a', version: '1', packageArguments: [{ type: 'flag' }] },
        ],
      },
      'mcpServers.x.packages.0.packageArguments.0.type',
    ],
    [
      'a named argument without its flag',
      {
        packages: [
          { registryType: 'npm', identifier: 'a', version: '1', runtimeArguments: [{ type: 'named' }] },
        ],
      },
      'mcpServers.x.packages.0.runtimeArguments.0.name',
    ],
    [
      'a remote of an unknown transport',
      { remotes: [{ type: 'websocket', url: 'wss://x' }] },
      'mcpServers.x.remotes.0.type',
    ],
    [
      'an environment variable without a name',
      {
        packages: [
          {
            registryType: 'pypi',
            identifier: 'a',
            version: '1',
            environmentVariables: [{ isRequired: true }],
          },
        ],
      },
      'mcpServers.x.packages.0.environmentVariables.0.name',
    ],
    ['a remote URL that is not http(s)', { remotes: [{ type: 'sse', url: 'ftp://x' }] }, 'mcpServers.x.url'],
  ])('%s', (_label, entry, path) => {
    let error: unknown;
    try {
      parseMcpConfig({ mcpServers: { x: entry } }, { env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as MCPConfigError).code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect((error as MCPConfigError).issues.map((issue) => issue.path)).toEqual([path]);
  });
});
