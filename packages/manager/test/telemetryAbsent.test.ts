import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));

// As in an application that does not install the optional peer @opentelemetry/api: importing it fails.
vi.mock('@opentelemetry/api', () => {
  throw new Error("Cannot find package '@opentelemetry/api'");
});

it('imports, connects and calls tools without @opentelemetry/api installed', async () => {
  const { MCPConnectionManager } = await import('../src/index.js');
  const m = new MCPConnectionManager();
  try {
    await m.initialize({ mcpServers: { s: { command: process.execPath, args: [toolServer] } } });
    await m.connectServer('s');
    await expect(m.callTool('s__echo', { a: 1 })).resolves.toMatchObject({
      content: [{ text: expect.stringContaining('echo:{"a":1}') }],
    });
  } finally {
    await m.shutdown();
  }
  await expect(import('@opentelemetry/api')).rejects.toThrow();
});
