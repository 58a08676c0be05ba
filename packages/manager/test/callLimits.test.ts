import {
  ConfigErrorCode,
  ManagerErrorCode,
  MCPAbortError,
  MCPConfigError,
  MCPConnectionError,
} from '@org/mcp-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MCPCallLimitError, MCPConnectionManager } from '../src/index.js';
import { loadServer } from './loadServer.js';

/** Lets every settled promise run its handlers, on fake timers. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('call limits per server (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs maxConcurrentCalls at once, queues maxQueuedCalls in order, and refuses one more at once', async () => {
    const { m, control, releaseHeld } = await loadServer({
      callLimits: { maxConcurrentCalls: 2, maxQueuedCalls: 1 },
    });
    control.mode = 'held';
    const first = m.callTool('s__work');
    const second = m.callTool('s__work');
    const queued = m.callTool('s__work');
    await flush();
    expect(control.received).toBe(2);
    expect((await m.getServerStatus()).s?.calls).toEqual({
      inFlight: 2,
      queued: 1,
      maxConcurrentCalls: 2,
      maxQueuedCalls: 1,
    });
    const refused = await m.callTool('s__work').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MCPCallLimitError);
    expect(refused).toBeInstanceOf(MCPConnectionError);
    expect(refused).toMatchObject({
      code: ManagerErrorCode.CALL_QUEUE_FULL,
      serverName: 's',
      limit: 'maxQueuedCalls',
      value: 1,
    });
    expect((refused as Error).message).toMatch(/"s".*maxConcurrentCalls.*maxQueuedCalls 1/);
    releaseHeld();
    await Promise.all([first, second]);
    await flush();
    // The queued call took a freed turn and was sent.
    expect(control.received).toBe(3);
    releaseHeld();
    await expect(queued).resolves.toMatchObject({ content: [{ text: 'done' }] });
    expect((await m.getServerStatus()).s?.calls).toMatchObject({ inFlight: 0, queued: 0 });
    await m.shutdown();
  });

  it('gives a queued call up after queueTimeout without sending it', async () => {
    const { m, control } = await loadServer({
      callLimits: { maxConcurrentCalls: 1, queueTimeout: 2_000 },
      clientOptions: { requestTimeout: 60_000 },
    });
    control.mode = 'hang';
    void m.callTool('s__work').catch(() => {});
    const queued = m.callTool('s__work').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_999);
    expect((await m.getServerStatus()).s?.calls.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await queued).toMatchObject({
      code: ManagerErrorCode.CALL_QUEUE_TIMEOUT,
      serverName: 's',
      limit: 'queueTimeout',
      value: 2_000,
    });
    expect(control.received).toBe(1);
    await m.shutdown();
  });

  it('fails queued calls at once (before the stop is over) when their server is disabled or removed', async () => {
    const { m, control } = await loadServer({ callLimits: { maxConcurrentCalls: 1 } }, ['a', 'b']);
    control.mode = 'held';
    const runningA = m.callTool('a__work').catch((e: unknown) => e);
    const queuedA = m.callTool('a__work').catch((e: unknown) => e);
    const runningB = m.callTool('b__work').catch((e: unknown) => e);
    const queuedB = m.callTool('b__work').catch((e: unknown) => e);
    await flush();
    const disabling = m.disableServer('a');
    expect(await queuedA).toMatchObject({ code: ManagerErrorCode.SERVER_DISABLED, serverName: 'a' });
    await disabling;
    // The call in flight went with the client the stop closed.
    expect(await runningA).toBeInstanceOf(MCPConnectionError);
    const removing = m.removeServer('b');
    expect(await queuedB).toMatchObject({ code: ManagerErrorCode.SERVER_STOPPED, serverName: 'b' });
    await removing;
    expect(await runningB).toBeInstanceOf(MCPConnectionError);
    await m.shutdown();
  });

  it('takes a queued call out of the queue when its caller aborts', async () => {
    const { m, control, releaseHeld } = await loadServer({ callLimits: { maxConcurrentCalls: 1 } });
    control.mode = 'held';
    const running = m.callTool('s__work');
    const abort = new AbortController();
    const queued = m.callTool('s__work', {}, { signal: abort.signal }).catch((e: unknown) => e);
    await flush();
    abort.abort();
    expect(await queued).toBeInstanceOf(MCPAbortError);
    expect((await m.getServerStatus()).s?.calls.queued).toBe(0);
    releaseHeld();
    await running;
    expect(control.received).toBe(1);
    await m.shutdown();
  });

  it('has no limit by default, and per-server limits override the manager-wide ones', async () => {
    const { m, control } = await loadServer(
      { callLimits: { maxConcurrentCalls: 1 }, serverLoad: { b: { callLimits: { maxConcurrentCalls: 3 } } } },
      ['a', 'b'],
    );
    control.mode = 'held';
    for (let i = 0; i < 3; i++) {
      void m.callTool('a__work').catch(() => {});
      void m.callTool('b__work').catch(() => {});
    }
    await flush();
    const status = await m.getServerStatus();
    expect(status.a?.calls).toMatchObject({ inFlight: 1, queued: 2 });
    expect(status.b?.calls).toMatchObject({ inFlight: 3, queued: 0 });
    await m.shutdown();
    const plain = await loadServer({});
    const calls = (await plain.m.getServerStatus()).s?.calls;
    // No limit is no field (Infinity would be `null` in JSON), the same in the status and in its JSON.
    expect(calls).toMatchObject({ maxQueuedCalls: 1000 });
    expect(calls).not.toHaveProperty('maxConcurrentCalls');
    expect(JSON.parse(JSON.stringify(calls))).toEqual(calls);
    await plain.m.shutdown();
  });

  it('refuses limits that would stop every call, naming each by its path', async () => {
    const m = new MCPConnectionManager({
      callLimits: { maxConcurrentCalls: 0, queueTimeout: -1 },
      circuitBreaker: { failureThreshold: 1.5 },
      serverLoad: { s: { callLimits: { maxQueuedCalls: -2 } } },
    });
    const error = await m.initialize({ mcpServers: { s: { command: 'unused' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(error).toMatchObject({
      code: ConfigErrorCode.CONFIG_INVALID,
      serverName: 's',
      issues: [
        { path: 'callLimits.maxConcurrentCalls', message: 'must be a whole number ≥ 1, or Infinity' },
        { path: 'callLimits.queueTimeout', message: 'must be a number of ms ≥ 1, or Infinity' },
        { path: 'circuitBreaker.failureThreshold', message: 'must be a whole number ≥ 1, or Infinity' },
        {
          path: 'serverLoad.s.callLimits.maxQueuedCalls',
          message: 'must be a whole number ≥ 0, or Infinity',
        },
      ],
    });
    await m.shutdown();
  });
});
