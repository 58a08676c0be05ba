import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMcpConfig, McpConfigFileSchema, parseJsonText } from '../src/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (path: string) => join(fixtures, path);

const env = {
  API_TOKEN: 'tok-seed-1',
  GITHUB_TOKEN: 'ghp_desktop',
  API_KEY: 'key-claude-code',
  AIRTABLE_API_KEY: 'pat-airtable',
  STRIPE_SECRET_KEY: 'sk_test_cursor',
  DATABASE_URL: 'postgresql://localhost/mydb',
  FIGMA_TOKEN: 'figd_windsurf',
  BRAVE_API_KEY: 'brave-key',
  CONTEXT7_API_KEY: 'ctx7-key',
  HOME: '/home/alice',
};

describe('every tool format, from a real-looking file', () => {
  it('the seed format: URL in command and headers in env for SSE', async () => {
    expect(await loadMcpConfig(fixture('seed/mcp_servers.json'), { env })).toEqual({
      mcpServers: {
        filesystem: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'],
          env: { DEBUG: 'true' },
          enabled: true,
        },
        api: {
          transport: 'sse',
          url: 'http://api.example.com/mcp',
          headers: { Authorization: 'Bearer tok-seed-1' },
          enabled: true,
        },
        memory: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-memory'],
          enabled: false,
        },
      },
    });
  });

  it('Claude Desktop: stdio servers, unknown top-level keys dropped', async () => {
    expect(await loadMcpConfig(fixture('claude-desktop/claude_desktop_config.json'), { env })).toEqual({
      mcpServers: {
        filesystem: {
          transport: 'stdio',
          command: 'npx',
          args: [
            '-y',
            '@modelcontextprotocol/server-filesystem',
            '/Users/alice/Desktop',
            '/Users/alice/Downloads',
          ],
          enabled: true,
        },
        github: {
          transport: 'stdio',
          command: 'docker',
          args: [
            'run',
            '-i',
            '--rm',
            '-e',
            'GITHUB_PERSONAL_ACCESS_TOKEN',
            'ghcr.io/github/github-mcp-server',
          ],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_desktop' },
          enabled: true,
        },
        sqlite: {
          transport: 'stdio',
          command: 'uvx',
          args: ['mcp-server-sqlite', '--db-path', '/Users/alice/test.db'],
          enabled: true,
        },
      },
    });
  });

  it('Claude Code: type http/sse/stdio, headers, ${VAR:-default}', async () => {
    expect(await loadMcpConfig(fixture('claude-code/.mcp.json'), { env })).toEqual({
      mcpServers: {
        sentry: { transport: 'http', url: 'https://mcp.sentry.dev/mcp', enabled: true },
        'internal-api': {
          transport: 'http',
          url: 'https://api.example.com/mcp',
          headers: { Authorization: 'Bearer key-claude-code', 'X-Team': 'platform' },
          enabled: true,
        },
        asana: { transport: 'sse', url: 'https://mcp.asana.com/sse', enabled: true },
        airtable: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', 'airtable-mcp-server'],
          env: { AIRTABLE_API_KEY: 'pat-airtable' },
          enabled: true,
        },
      },
    });
  });

  it('Cursor: a URL without a type is http with SSE fallback; ${env:VAR}; disabled', async () => {
    expect(await loadMcpConfig(fixture('cursor/.cursor/mcp.json'), { env })).toEqual({
      mcpServers: {
        linear: { transport: 'http', url: 'https://mcp.linear.app/mcp', sseFallback: true, enabled: true },
        stripe: {
          transport: 'http',
          url: 'https://mcp.stripe.com',
          headers: { Authorization: 'Bearer sk_test_cursor' },
          sseFallback: true,
          enabled: true,
        },
        postgres: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-postgres', 'postgresql://localhost/mydb'],
          env: {},
          enabled: true,
        },
        'legacy-tools': {
          transport: 'http',
          url: 'http://localhost:3001/sse',
          sseFallback: true,
          enabled: false,
        },
      },
    });
  });

  it('Windsurf: serverUrl, disabled true and false', async () => {
    expect(await loadMcpConfig(fixture('windsurf/mcp_config.json'), { env })).toEqual({
      mcpServers: {
        figma: {
          transport: 'http',
          url: 'https://mcp.figma.com/mcp',
          headers: { 'X-Figma-Token': 'figd_windsurf' },
          sseFallback: true,
          enabled: true,
        },
        puppeteer: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-puppeteer'],
          disabledTools: ['puppeteer_evaluate'],
          enabled: true,
        },
        'brave-search': {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-brave-search'],
          env: { BRAVE_API_KEY: 'brave-key' },
          enabled: false,
        },
      },
    });
  });

  it('Cline: streamableHttp, autoApprove kept as a hint, disabled', async () => {
    expect(await loadMcpConfig(fixture('cline/cline_mcp_settings.json'), { env })).toEqual({
      mcpServers: {
        'github.com/modelcontextprotocol/servers/tree/main/src/fetch': {
          transport: 'stdio',
          command: 'uvx',
          args: ['mcp-server-fetch'],
          autoApprove: ['fetch'],
          enabled: true,
        },
        context7: {
          transport: 'http',
          url: 'https://mcp.context7.com/mcp',
          headers: { CONTEXT7_API_KEY: 'ctx7-key' },
          autoApprove: [],
          enabled: true,
        },
        weather: { transport: 'sse', url: 'http://127.0.0.1:8931/sse', autoApprove: [], enabled: false },
      },
    });
  });

  it('VS Code: servers, JSONC, envFile relative to the file, ${workspaceFolder}, env wins', async () => {
    const workspace = fixture('vscode');
    expect(await loadMcpConfig(fixture('vscode/.vscode/mcp.json'), { env })).toEqual({
      mcpServers: {
        github: {
          transport: 'http',
          url: 'https://api.githubcopilot.com/mcp/',
          headers: { Authorization: 'Bearer ghp_desktop' },
          enabled: true,
        },
        playwright: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@microsoft/mcp-server-playwright'],
          cwd: workspace,
          asWritten: { cwd: '${workspaceFolder}' },
          env: { PLAYWRIGHT_BROWSER: 'chromium', HEADLESS: 'true', OUTPUT_DIR: '/home/alice/playwright out' },
          enabled: true,
        },
        docs: { transport: 'sse', url: 'http://localhost:8080/sse', enabled: true },
      },
    });
  });

  it('every fixture also passes the exported file schema as written', () => {
    for (const path of [
      'seed/mcp_servers.json',
      'claude-desktop/claude_desktop_config.json',
      'claude-code/.mcp.json',
      'cursor/.cursor/mcp.json',
      'windsurf/mcp_config.json',
      'cline/cline_mcp_settings.json',
      'vscode/.vscode/mcp.json',
    ]) {
      const result = McpConfigFileSchema.safeParse(parseJsonText(readFileSync(fixture(path), 'utf8')));
      expect(result.success, path).toBe(true);
    }
  });
});

describe('normalisation details', () => {
  it('accepts every type spelling', async () => {
    const spellings = {
      http: 'http',
      'streamable-http': 'http',
      streamableHttp: 'http',
      streamable_http: 'http',
      sse: 'sse',
    } as const;
    for (const [type, transport] of Object.entries(spellings)) {
      const config = await loadMcpConfig({ mcpServers: { s: { type, url: 'https://h/mcp' } } }, { env: {} });
      expect(config.mcpServers.s).toEqual({ transport, url: 'https://h/mcp', enabled: true });
    }
    const stdio = await loadMcpConfig({ mcpServers: { s: { type: 'stdio', command: 'node' } } }, { env: {} });
    expect(stdio.mcpServers.s).toEqual({ transport: 'stdio', command: 'node', enabled: true });
  });

  it('keeps cwd, timeout, connectTimeout, inheritEnv and stopGracePeriod; stringifies scalars', async () => {
    const config = await loadMcpConfig(
      {
        mcpServers: {
          s: {
            command: 'node',
            args: ['server.js', '--port', 8080, true],
            env: { RETRIES: 3, VERBOSE: false },
            cwd: '/srv/app',
            timeout: 45_000,
            connectTimeout: 10_000,
            inheritEnv: true,
            stopGracePeriod: 2000,
          },
          r: { url: 'https://h/mcp', transport: 'http', timeout: 5000, headers: { 'X-Retry': 1 } },
        },
      },
      { env: {} },
    );
    expect(config.mcpServers).toEqual({
      s: {
        transport: 'stdio',
        command: 'node',
        args: ['server.js', '--port', '8080', 'true'],
        env: { RETRIES: '3', VERBOSE: 'false' },
        cwd: '/srv/app',
        timeout: 45_000,
        connectTimeout: 10_000,
        inheritEnv: true,
        stopGracePeriod: 2000,
        enabled: true,
      },
      r: {
        transport: 'http',
        url: 'https://h/mcp',
        headers: { 'X-Retry': '1' },
        timeout: 5000,
        enabled: true,
      },
    });
  });

  it('a relative cwd resolves against the config file; without a file it stays as written', async () => {
    const withFile = await loadMcpConfig(
      { mcpServers: { s: { command: 'node', cwd: 'tools' } } },
      { env: {}, file: '/etc/mcp/mcp.json' },
    );
    expect(withFile.mcpServers.s).toMatchObject({ cwd: '/etc/mcp/tools' });
    const without = await loadMcpConfig(
      { mcpServers: { s: { command: 'node', cwd: 'tools' } } },
      { env: {} },
    );
    expect(without.mcpServers.s).toMatchObject({ cwd: 'tools' });
  });

  it('keeps command and cwd as written where expansion changed them, for errors and logs to name', async () => {
    const env = { TOKEN: 'tok-secret', BIN: '/opt/bin' };
    const config = await loadMcpConfig(
      {
        mcpServers: {
          both: { command: '${BIN}/server', cwd: '/srv/${TOKEN}' },
          relative: { command: 'node', cwd: 'work/${TOKEN}' },
          literal: { command: 'node', cwd: '/srv/app' },
          escaped: { command: 'node', cwd: '/srv/$${HOME}' },
        },
      },
      { env, file: '/etc/mcp/mcp.json' },
    );
    expect(config.mcpServers.both).toMatchObject({
      command: '/opt/bin/server',
      cwd: '/srv/tok-secret',
      asWritten: { command: '${BIN}/server', cwd: '/srv/${TOKEN}' },
    });
    expect(config.mcpServers.relative).toMatchObject({
      cwd: '/etc/mcp/work/tok-secret',
      asWritten: { cwd: '/etc/mcp/work/${TOKEN}' },
    });
    expect(config.mcpServers.literal).not.toHaveProperty('asWritten');
    expect(config.mcpServers.escaped).toMatchObject({
      cwd: '/srv/${HOME}',
      asWritten: { cwd: '/srv/$${HOME}' },
    });
  });

  it('a seed-style URL in command without a transport is http with SSE fallback and env as headers', async () => {
    const config = await loadMcpConfig(
      { mcpServers: { s: { command: '${BASE}/mcp', env: { Authorization: 'Bearer x' } } } },
      { env: { BASE: 'https://h' } },
    );
    expect(config.mcpServers.s).toEqual({
      transport: 'http',
      url: 'https://h/mcp',
      headers: { Authorization: 'Bearer x' },
      sseFallback: true,
      enabled: true,
    });
  });

  it('the default env is process.env', async () => {
    process.env.MCP_CONFIG_TEST_VALUE = 'from-process';
    try {
      const config = await loadMcpConfig({ mcpServers: { s: { command: '${MCP_CONFIG_TEST_VALUE}' } } });
      expect(config.mcpServers.s).toMatchObject({ command: 'from-process' });
    } finally {
      delete process.env.MCP_CONFIG_TEST_VALUE;
    }
  });

  it('an empty server list is a valid, empty config', async () => {
    expect(await loadMcpConfig({ mcpServers: {} })).toEqual({ mcpServers: {} });
  });
});

describe('tool filter keys', () => {
  it('keeps includeTools, excludeTools and disabledTools as written and joins autoApprove with alwaysAllow', async () => {
    const config = await loadMcpConfig({
      mcpServers: {
        gemini: { command: 'srv', includeTools: ['read_*'], excludeTools: ['read_secret'] },
        roo: {
          url: 'https://example.test/mcp',
          disabledTools: ['drop'],
          alwaysAllow: ['list_*'],
          autoApprove: ['get'],
        },
        plain: { command: 'srv' },
      },
    });
    expect(config.mcpServers.gemini).toMatchObject({
      includeTools: ['read_*'],
      excludeTools: ['read_secret'],
    });
    expect(config.mcpServers.roo).toMatchObject({ disabledTools: ['drop'], autoApprove: ['get', 'list_*'] });
    expect(Object.keys(config.mcpServers.plain ?? {})).not.toContain('autoApprove');
  });

  it('refuses a tool list that is not an array of names, by field path', async () => {
    await expect(
      loadMcpConfig({ mcpServers: { bad: { command: 'srv', excludeTools: 'write_*', includeTools: [''] } } }),
    ).rejects.toThrow(
      /mcpServers\.bad\.includeTools\.0: must not be empty\n.*mcpServers\.bad\.excludeTools: .*expected array/,
    );
  });
});
