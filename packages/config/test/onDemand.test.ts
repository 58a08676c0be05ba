import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from '../src/index.js';

describe('servers on demand: start and idleTimeout', () => {
  it('keeps start and idleTimeout on the normalised entry', () => {
    const { mcpServers } = parseMcpConfig({
      mcpServers: { fs: { command: 'node', args: ['fs.mjs'], start: 'lazy', idleTimeout: 60_000 } },
    });
    expect(mcpServers.fs).toMatchObject({ start: 'lazy', idleTimeout: 60_000 });
  });

  it('leaves them out when not written, so the manager default applies', () => {
    const { mcpServers } = parseMcpConfig({ mcpServers: { fs: { command: 'node' } } });
    expect(mcpServers.fs).not.toHaveProperty('start');
    expect(mcpServers.fs).not.toHaveProperty('idleTimeout');
  });

  it('refuses a start other than eager or lazy, and a negative idleTimeout, naming the field', () => {
    const bad = { mcpServers: { fs: { command: 'node', start: 'later', idleTimeout: -1 } } };
    expect(() => parseMcpConfig(bad)).toThrow(
      /mcpServers\.fs\.start[\s\S]*mcpServers\.fs\.idleTimeout|idleTimeout[\s\S]*start/,
    );
  });
});
