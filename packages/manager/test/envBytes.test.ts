import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { everythingBin } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMcpConfig, MCPConnectionManager } from '../src/index.js';

let manager: MCPConnectionManager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('env values as people write them', () => {
  it('reach a real server byte for byte, CR and LF included (a PEM key in a variable, CRLF written in the file)', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const crlfPem = pem.replace(/\n/g, '\r\n');
    const dir = mkdtempSync(join(tmpdir(), 'env-bytes-'));
    const file = join(dir, 'mcp.json');
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          everything: {
            command: process.execPath,
            args: [everythingBin(), 'stdio'],
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own ${VAR} syntax
            env: { PEM_KEY: '${PEM_KEY}', CRLF_KEY: '${CRLF_KEY}', WRITTEN: 'one\r\ntwo\nthree\r' },
          },
        },
      }),
    );
    const config = await loadMcpConfig(file, { env: { PEM_KEY: pem, CRLF_KEY: crlfPem } });
    manager = new MCPConnectionManager();
    await manager.initialize(config);
    expect(await manager.connectAllEnabled()).toEqual({ everything: true });
    const result = await manager.callTool('everything__get-env', {});
    const seen = JSON.parse((result.content[0] as { text: string }).text) as Record<string, string>;
    expect(seen.PEM_KEY).toBe(pem);
    expect(seen.CRLF_KEY).toBe(crlfPem);
    expect(seen.WRITTEN).toBe('one\r\ntwo\nthree\r');
  });
});
