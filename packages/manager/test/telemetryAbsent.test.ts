import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const preload = fileURLToPath(new URL('./fixtures/withoutOpenTelemetry.cjs', import.meta.url));

// The built package in a process where @opentelemetry/api cannot be found: import, connect, call, shut down.
const script = `
const { MCPConnectionManager } = await import(${JSON.stringify(dist)});
let api = 'absent';
try { (await import('node:module')).createRequire(import.meta.url)('@opentelemetry/api'); api = 'present'; } catch {}
const m = new MCPConnectionManager();
await m.initialize({ mcpServers: { s: { command: process.execPath, args: [${JSON.stringify(toolServer)}] } } });
await m.connectServer('s');
const result = await m.callTool('s__echo', { a: 1 });
await m.shutdown();
console.log(JSON.stringify({ api, text: result.content[0].text }));
`;

it('imports, connects and calls tools without @opentelemetry/api installed (the built package)', () => {
  const out = execFileSync(process.execPath, ['--require', preload, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const report = JSON.parse(out.trim().split('\n').at(-1) as string);
  expect(report.api).toBe('absent');
  expect(report.text).toContain('echo:{"a":1}');
});
