import { ManagerErrorCode, MCPConnectionError, MCPProtocolError, MCPTimeoutError } from '@org/mcp-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CircuitStateChange, type ManagerOptions, MCPCircuitOpenError } from '../src/index.js';
import { loadServer } from './loadServer.js';

const TIMEOUT = 1_000;
const breaker: ManagerOptions = {
  circuitBreaker: { failureThreshold: 3, failureWindow: 10_000, cooldown: 5_000 },
  clientOptions: { requestTimeout: TIMEOUT },
};

/** A manager whose server `s` hangs on tools/call, and the breaker events it emits. */
async function hangingServer(options: ManagerOptions = breaker) {
  const setup = await loadServer(options);
  const events: CircuitStateChange[] = [];
  setup.m.on('circuitStateChanged', (event) => events.push(event));
  setup.control.mode = 'hang';
  /** One call that times out after TIMEOUT ms of fake time. */
  const timeOut = async () => {
    const call = setup.m.callTool('s__work').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    expect(await call).toBeInstanceOf(MCPTimeoutError);
  };
  return { ...setup, events, timeOut };
}

describe('circuit breaker per server (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after failureThreshold failures in a row; then calls fail at once, naming when it retries', async () => {
    const { m, control, events, timeOut } = await hangingServer();
    await timeOut();
    await timeOut();
    expect((await m.getServerStatus()).s?.circuit).toMatchObject({ state: 'closed', failures: 2 });
    await timeOut();
    const openedAt = '2026-01-01T00:00:03.000Z';
    const nextProbeAt = '2026-01-01T00:00:08.000Z';
    expect(events).toEqual([
      {
        server: 's',
        name: 's',
        state: 'open',
        previous: 'closed',
        failures: 3,
        retryAt: nextProbeAt,
        error: expect.any(MCPTimeoutError),
      },
    ]);
    expect((await m.getServerStatus()).s?.circuit).toEqual({
      state: 'open',
      failures: 3,
      opens: 1,
      openedAt,
      nextProbeAt,
    });
    const sent = control.received;
    const refused = await m.callTool('s__work').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MCPCircuitOpenError);
    expect(refused).toBeInstanceOf(MCPConnectionError);
    expect(refused).toMatchObject({
      code: ManagerErrorCode.CIRCUIT_OPEN,
      serverName: 's',
      retryAt: nextProbeAt,
    });
    expect((refused as Error).message).toContain(`tried again at ${nextProbeAt}`);
    expect((refused as Error).cause).toBeInstanceOf(MCPTimeoutError);
    expect(control.received).toBe(sent);
    await m.shutdown();
  });

  it('counts neither answers (results, isError results, JSON-RPC errors) nor failures older than the window', async () => {
    const { m, control, events, timeOut } = await hangingServer();
    await timeOut();
    await timeOut();
    control.mode = 'is-error';
    await m.callTool('s__work');
    expect((await m.getServerStatus()).s?.circuit?.failures).toBe(0);
    control.mode = 'hang';
    await timeOut();
    await timeOut();
    control.mode = 'rpc-error';
    await expect(m.callTool('s__work')).rejects.toBeInstanceOf(MCPProtocolError);
    control.mode = 'hang';
    await timeOut();
    await timeOut();
    // The window is 10 s: two failures, then 11 s later one more, is not three within it.
    await vi.advanceTimersByTimeAsync(11_000);
    await timeOut();
    expect((await m.getServerStatus()).s?.circuit).toMatchObject({ state: 'closed', failures: 1 });
    expect(events).toEqual([]);
    await m.shutdown();
  });

  it('goes half-open after the cool-down, lets one probe through (others fail at once), and a success closes it', async () => {
    const { m, control, events, timeOut, releaseHeld } = await hangingServer();
    for (let i = 0; i < 3; i++) await timeOut();
    await vi.advanceTimersByTimeAsync(4_999);
    expect((await m.getServerStatus()).s?.circuit?.state).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(events.at(-1)).toMatchObject({ state: 'half-open', previous: 'open', retryAt: undefined });
    expect((await m.getServerStatus()).s?.circuit).toMatchObject({
      state: 'half-open',
      nextProbeAt: undefined,
    });
    control.mode = 'held';
    const probe = m.callTool('s__work');
    const other = await m.callTool('s__work').catch((e: unknown) => e);
    expect(other).toMatchObject({ code: ManagerErrorCode.CIRCUIT_OPEN });
    expect((other as Error).message).toContain('A probe call is under way');
    await vi.advanceTimersByTimeAsync(0);
    releaseHeld();
    await expect(probe).resolves.toMatchObject({ content: [{ text: 'done' }] });
    expect(events.map((e) => e.state)).toEqual(['open', 'half-open', 'closed']);
    expect((await m.getServerStatus()).s?.circuit).toMatchObject({ state: 'closed', failures: 0, opens: 1 });
    control.mode = 'answer';
    await expect(m.callTool('s__work')).resolves.toBeDefined();
    await m.shutdown();
  });

  it('opens again, with a new cool-down, when the probe fails', async () => {
    const { m, events, timeOut } = await hangingServer();
    for (let i = 0; i < 3; i++) await timeOut();
    await vi.advanceTimersByTimeAsync(5_000);
    await timeOut();
    expect(events.map((e) => e.state)).toEqual(['open', 'half-open', 'open']);
    expect(events.at(-1)).toMatchObject({
      previous: 'half-open',
      failures: 3,
      retryAt: '2026-01-01T00:00:14.000Z',
    });
    expect((await m.getServerStatus()).s?.circuit).toMatchObject({ state: 'open', opens: 2 });
    await expect(m.callTool('s__work')).rejects.toBeInstanceOf(MCPCircuitOpenError);
    await m.shutdown();
  });

  it('a probe aborted by its caller says nothing: the next call is the probe', async () => {
    const { m, control, events, timeOut } = await hangingServer();
    for (let i = 0; i < 3; i++) await timeOut();
    await vi.advanceTimersByTimeAsync(5_000);
    const abort = new AbortController();
    const probe = m.callTool('s__work', {}, { signal: abort.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    abort.abort();
    await probe;
    expect((await m.getServerStatus()).s?.circuit?.state).toBe('half-open');
    control.mode = 'answer';
    await expect(m.callTool('s__work')).resolves.toBeDefined();
    expect(events.at(-1)?.state).toBe('closed');
    await m.shutdown();
  });

  it('a health check while half-open is the probe: healthy closes it, unhealthy opens it again', async () => {
    const { m, control, events, timeOut } = await hangingServer();
    for (let i = 0; i < 3; i++) await timeOut();
    await vi.advanceTimersByTimeAsync(5_000);
    control.pings = false;
    const check = m.healthCheckAll();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await check).toEqual({ s: false });
    expect(events.at(-1)).toMatchObject({ state: 'open', previous: 'half-open' });
    await vi.advanceTimersByTimeAsync(5_000);
    control.pings = true;
    expect(await m.healthCheckAll()).toEqual({ s: true });
    expect(events.map((e) => e.state)).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
    // While closed, health checks do not touch the breaker.
    control.pings = false;
    const later = m.healthCheckAll();
    await vi.advanceTimersByTimeAsync(5_000);
    await later;
    expect(events).toHaveLength(5);
    await m.shutdown();
  });

  it('has an off switch, manager-wide or per server; by default a slow server that answers is never cut off', async () => {
    const off = await hangingServer({ ...breaker, circuitBreaker: false });
    for (let i = 0; i < 5; i++) await off.timeOut();
    expect((await off.m.getServerStatus()).s?.circuit).toBeUndefined();
    // A sixth call is sent and times out like the others: nothing refuses it.
    await off.timeOut();
    await off.m.shutdown();

    const perServer = await hangingServer({ ...breaker, serverLoad: { s: { circuitBreaker: false } } });
    expect((await perServer.m.getServerStatus()).s?.circuit).toBeUndefined();
    await perServer.m.shutdown();

    // Defaults: 5 failures in a row within 60 s. Four timeouts, an answer, four more: still closed.
    const slow = await hangingServer({ clientOptions: { requestTimeout: TIMEOUT } });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await slow.timeOut();
      slow.control.mode = 'answer';
      await slow.m.callTool('s__work');
      slow.control.mode = 'hang';
    }
    expect((await slow.m.getServerStatus()).s?.circuit).toMatchObject({ state: 'closed', opens: 0 });
    expect(slow.events).toEqual([]);
    await slow.m.shutdown();
  });

  it('a call queued while the circuit opened is refused when its turn comes, never sent', async () => {
    const { m, control } = await loadServer({
      ...breaker,
      circuitBreaker: { failureThreshold: 1, cooldown: 5_000 },
      callLimits: { maxConcurrentCalls: 1 },
    });
    control.mode = 'hang';
    const first = m.callTool('s__work').catch((e: unknown) => e);
    const queued = m.callTool('s__work').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    expect(await first).toBeInstanceOf(MCPTimeoutError);
    expect(await queued).toMatchObject({ code: ManagerErrorCode.CIRCUIT_OPEN });
    expect(control.received).toBe(1);
    expect((await m.getServerStatus()).s?.calls).toMatchObject({ inFlight: 0, queued: 0 });
    await m.shutdown();
  });

  it('manager refusals (a disabled server, a full queue) do not count as failures', async () => {
    const { m, control } = await loadServer({
      ...breaker,
      callLimits: { maxConcurrentCalls: 1, maxQueuedCalls: 0 },
    });
    control.mode = 'held';
    void m.callTool('s__work').catch(() => {});
    for (let i = 0; i < 5; i++)
      await expect(m.callTool('s__work')).rejects.toMatchObject({ code: ManagerErrorCode.CALL_QUEUE_FULL });
    await m.disableServer('s');
    for (let i = 0; i < 5; i++)
      await expect(m.callTool('s__work')).rejects.toMatchObject({ code: ManagerErrorCode.SERVER_DISABLED });
    expect((await m.getServerStatus()).s?.circuit).toMatchObject({ state: 'closed', failures: 0 });
    await m.shutdown();
  });
});
