import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPSSEClient } from '../src/index.js';
import { type SseFixture, startSseFixture } from './sseFixture.js';

/**
 * undici's own low-resolution clock, which drives its body, headers and keep-alive timeouts of a
 * second or more. `tick(ms)` is its testing hook: it advances that clock without waiting.
 */
const undiciTimers = createRequire(import.meta.url)('undici/lib/util/timers.js') as {
  tick(delay?: number): void;
};
/** Past undici's default bodyTimeout (300 000 ms), the one that would kill an idle event stream. */
const SIX_MINUTES = 6 * 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function fixture(): Promise<SseFixture> {
  const server = await startSseFixture();
  cleanups.push(() => server.close());
  return server;
}

async function connected(url: string, options = {}): Promise<MCPSSEClient> {
  const c = new MCPSSEClient({ transport: 'sse', url }, options);
  cleanups.push(() => c.disconnect());
  await c.connect();
  return c;
}

/** Lets timers that undici's clock made due run, and the socket events they cause arrive. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('an idle event stream', () => {
  it('survives six minutes of undici time, where a default undici stream dies of its body timeout', async () => {
    const server = await fixture();
    // The control: the same kind of stream read through a pool with undici's default timeouts.
    const pool = new Pool(server.origin);
    cleanups.push(() => pool.destroy());
    const control = await pool.request({
      path: '/sse',
      method: 'GET',
      headers: { accept: 'text/event-stream' },
    });
    const controlError = new Promise<Error>((resolve) => control.body.on('error', resolve));
    control.body.on('data', () => {});

    const c = await connected(server.url);
    const closes: unknown[] = [];
    c.on('close', (reason) => closes.push(reason));
    await settle();

    // Both streams are silent now. Activate pending undici timers, then jump its clock.
    undiciTimers.tick(0);
    undiciTimers.tick(SIX_MINUTES);
    expect(await controlError).toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
    await settle();

    expect(closes).toEqual([]);
    expect(c.state).toBe('connected');
    // Only the control stream is gone.
    expect(server.streams.size).toBe(1);
    expect(await c.isHealthy()).toBe(true);
    expect((await c.callTool('echo', { text: 'still here' })).content).toEqual([
      { type: 'text', text: 'still here' },
    ]);
  });

  it('outlives short headers and keep-alive timeouts many times over, on real time', async () => {
    const server = await fixture();
    const c = await connected(server.url, { headersTimeout: 50, keepAliveTimeout: 50 });
    const closes: unknown[] = [];
    c.on('close', (reason) => closes.push(reason));
    // Twenty times both timeouts with not a byte on the stream.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(closes).toEqual([]);
    expect(c.state).toBe('connected');
    expect((await c.callTool('echo', { text: 'awake' })).content).toEqual([{ type: 'text', text: 'awake' }]);
    expect(server.streams.size).toBe(1);
  });
});
