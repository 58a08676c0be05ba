import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Context, type ContextManager, context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterAll, expect, it } from 'vitest';
import { MCPConnectionManager } from '../src/index.js';

// With @opentelemetry/api installed but no SDK registered, every span and metric would be a no-op that each call
// still pays for: the manager makes none. Every span asks the context manager for the active context, so one that
// counts those asks (the API's globals are shared with the manager's own copy) tells whether it traced.
const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
let asked = 0;
const counting: ContextManager = {
  active: () => {
    asked++;
    return ROOT_CONTEXT;
  },
  with: (_ctx, fn, thisArg, ...args) => fn.call(thisArg, ...args),
  bind: <T>(_ctx: Context, target: T) => target,
  enable() {
    return this;
  },
  disable() {
    return this;
  },
};
context.setGlobalContextManager(counting);
afterAll(() => {
  trace.disable();
  context.disable();
});

/** How many times one connect and one call asked for the active context. */
async function askedByOneCall(): Promise<number> {
  const m = new MCPConnectionManager();
  const before = asked;
  try {
    await m.initialize({ mcpServers: { s: { command: process.execPath, args: [toolServer] } } });
    await m.connectServer('s');
    await m.callTool('s__echo', { a: 1 });
    return asked - before;
  } finally {
    await m.shutdown();
  }
}

/** Whether the API's CommonJS build (the one the manager requires; this file imports the ES one) is loaded. */
const apiRequired = () =>
  Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('@opentelemetry/api'));

it('traces nothing while no tracer or meter provider is registered, and traces once one is', async () => {
  expect(await askedByOneCall()).toBe(0);
  expect(apiRequired(), 'the manager loaded @opentelemetry/api with nothing registered').toBe(false);
  // Loaded only now: the SDK requires the API's CommonJS build itself.
  const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  expect(await askedByOneCall()).toBeGreaterThan(0);
  expect(apiRequired()).toBe(true);
});
