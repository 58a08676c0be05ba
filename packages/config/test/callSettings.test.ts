import { MCPConfigError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { loadMcpConfig } from '../src/index.js';

describe('per-server call settings: maxTotalTimeout, trust, taskTools', () => {
  it('are kept as written, on stdio and remote servers', async () => {
    const config = await loadMcpConfig(
      {
        mcpServers: {
          local: { command: 'node', maxTotalTimeout: 1_800_000, trust: true, taskTools: ['render_*'] },
          remote: { url: 'https://h/mcp', maxTotalTimeout: 60_000, trust: false },
        },
      },
      { env: {} },
    );
    expect(config.mcpServers.local).toMatchObject({
      maxTotalTimeout: 1_800_000,
      trust: true,
      taskTools: ['render_*'],
    });
    expect(config.mcpServers.remote).toMatchObject({ maxTotalTimeout: 60_000, trust: false });
    const plain = await loadMcpConfig({ mcpServers: { p: { command: 'node' } } }, { env: {} });
    expect(plain.mcpServers.p).toEqual({ transport: 'stdio', command: 'node', enabled: true });
  });

  it('refuse wrong values with the path of each', async () => {
    const error = await loadMcpConfig(
      { mcpServers: { a: { command: 'x', maxTotalTimeout: 500, trust: 'yes', taskTools: [''] } } },
      { env: {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConfigError);
    expect((error as MCPConfigError).issues.map((issue) => issue.path)).toEqual([
      'mcpServers.a.maxTotalTimeout',
      'mcpServers.a.taskTools.0',
      'mcpServers.a.trust',
    ]);
  });
});
