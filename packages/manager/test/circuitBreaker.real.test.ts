import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManagerErrorCode, type MCPClient, MCPTimeoutError } from '@org/mcp-core';
import { afterEach, expect, it } from 'vitest';
import { type CircuitStateChange, MCPConnectionManager } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
let manager: MCPConnectionManager | undefined;
afterEach(async () => {
  await manager?.shutdown();
});

/** The next circuitStateChanged event (an event, not a clock, says when the cool-down is over). */
const nextChange = async (m: MCPConnectionManager): Promise<CircuitStateChange> =>
  ((await once(m, 'circuitStateChanged')) as [CircuitStateChange])[0];

/** Resolves once the breaker of `slow` is half-open: at once if it already is (a busy machine may be late to look). */
async function halfOpen(m: MCPConnectionManager): Promise<void> {
  while ((await m.getServerStatus()).slow?.circuit?.state !== 'half-open') await nextChange(m);
}

it('opens on a real stdio server that hangs, probes after the cool-down, and closes once it answers again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-breaker-'));
  const hang = join(dir, 'hang');
  const calls = join(dir, 'calls');
  writeFileSync(hang, '');
  const m = new MCPConnectionManager({ circuitBreaker: { failureThreshold: 2, cooldown: 300 } });
  manager = m;
  await m.initialize({
    mcpServers: {
      slow: { command: process.execPath, args: [toolServer], env: { HANG_WHILE: hang, CALLS_FILE: calls } },
    },
  });
  await m.connectServer('slow');
  const pid = ((await m.getClient('slow')) as MCPClient & { pid?: number }).pid;
  const call = () => m.callTool('slow__echo', {}, { timeout: 200 });

  await expect(call()).rejects.toBeInstanceOf(MCPTimeoutError);
  const opened = nextChange(m);
  await expect(call()).rejects.toBeInstanceOf(MCPTimeoutError);
  expect(await opened).toMatchObject({ state: 'open', previous: 'closed', failures: 2 });
  await expect(call()).rejects.toMatchObject({ code: ManagerErrorCode.CIRCUIT_OPEN, serverName: 'slow' });
  // The refused call never reached the server.
  expect(readFileSync(calls, 'utf8').trim().split('\n')).toHaveLength(2);

  // Still hanging at the first probe: open again.
  await halfOpen(m);
  const reopened = nextChange(m);
  await expect(call()).rejects.toBeInstanceOf(MCPTimeoutError);
  expect(await reopened).toMatchObject({ state: 'open', previous: 'half-open' });

  // It recovers; the next probe closes the circuit, and the same process answers.
  await halfOpen(m);
  rmSync(hang);
  const closed = nextChange(m);
  await expect(call()).resolves.toMatchObject({ content: [{ type: 'text' }] });
  expect(await closed).toMatchObject({ state: 'closed', previous: 'half-open' });
  expect((await m.getServerStatus()).slow?.circuit).toMatchObject({ state: 'closed', opens: 2, failures: 0 });
  expect(((await m.getClient('slow')) as MCPClient & { pid?: number }).pid).toBe(pid);
  expect(pid).toBeGreaterThan(0);
});
