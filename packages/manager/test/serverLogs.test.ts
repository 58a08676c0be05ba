import { captureLogger } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, type ManagerEvents, MCPConnectionManager, MCPError } from '../src/index.js';
import { everythingAndCatalog } from './featureServers.js';

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function manager() {
  const capture = captureLogger();
  const m = new MCPConnectionManager({ logger: capture.logger });
  managers.push(m);
  await m.initialize(everythingAndCatalog);
  expect(await m.connectAllEnabled()).toEqual({ everything: true, catalog: true });
  const logs: ManagerEvents['serverLog'][] = [];
  m.on('serverLog', (log) => logs.push(log));
  return { m, capture, logs };
}

/** The lines the servers' own logs made, as [server, logger level, data]. */
function serverLines(capture: ReturnType<typeof captureLogger>) {
  return capture.lines
    .filter((line) => line.bindings.source === 'server')
    .map((line) => [line.bindings.server, line.level, (line.args[0] as { data: unknown }).data]);
}

describe("servers' own logs", () => {
  it("reach that server's child logger at the mapped level, and a serverLog event", async () => {
    const { m, capture, logs } = await manager();
    for (const level of ['debug', 'notice', 'warning', 'critical'])
      await m.callTool('catalog__log', { level, data: `a ${level} line` });
    expect(serverLines(capture)).toEqual([
      ['catalog', 'debug', 'a debug line'],
      ['catalog', 'info', 'a notice line'],
      ['catalog', 'warn', 'a warning line'],
      ['catalog', 'error', 'a critical line'],
    ]);
    expect(logs[1]).toEqual({ server: 'catalog', level: 'notice', logger: 'fixture', data: 'a notice line' });
  });

  it('server-everything logs what it does, at the level set with setLoggingLevel', async () => {
    const { m, capture, logs } = await manager();
    await m.setLoggingLevel('everything', 'info');
    // It acknowledges a subscription with an info-level log message, sent before its answer.
    await m.subscribeResource({ server: 'everything', uri: 'demo://resource/static/document/features.md' });
    expect(logs.map((log) => [log.server, log.level])).toContainEqual(['everything', 'info']);
    const line = serverLines(capture).find(([server]) => server === 'everything');
    expect(String(line?.[2])).toContain('Received Subscribe Resource request');
  });

  it('the level set is kept and asked again of a new connection; a bad level is INVALID_LOG_LEVEL', async () => {
    const { m, logs } = await manager();
    await m.setLoggingLevel('catalog', 'error');
    await m.disconnectServer('catalog');
    await m.connectServer('catalog');
    await m.callTool('catalog__log', { level: 'warning', data: 'dropped' });
    await m.callTool('catalog__log', { level: 'alert', data: 'kept' });
    expect(logs.map((log) => log.data)).toEqual(['kept']);
    const error = await m.setLoggingLevel('catalog', 'loud' as 'info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPError);
    expect((error as MCPError).code).toBe(ErrorCode.INVALID_LOG_LEVEL);
  });

  it('data over 16 KiB is cut before it is logged or reported', async () => {
    const { m, logs } = await manager();
    await m.callTool('catalog__log', { level: 'info', data: { big: 'x'.repeat(100_000) } });
    expect(typeof logs[0]?.data).toBe('string');
    expect(String(logs[0]?.data).length).toBeLessThan(17_000);
    expect(String(logs[0]?.data)).toMatch(/cut\)$/);
  });
});
