import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context, metrics, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { MCPClient } from '@org/mcp-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MCPConnectionManager, type ServerStateChange } from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const exporter = new InMemorySpanExporter();
const reader = new PeriodicExportingMetricReader({
  exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
  exportIntervalMillis: 3_600_000,
});
const managers: MCPConnectionManager[] = [];

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});
afterAll(() => {
  trace.disable();
  metrics.disable();
  propagation.disable();
  context.disable();
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
  exporter.reset();
});

/** A manager of one real stdio server `s` that writes the `_meta` of each request it receives to a file. */
async function traced(options: ConstructorParameters<typeof MCPConnectionManager>[0] = {}) {
  const metaFile = join(mkdtempSync(join(tmpdir(), 'mcp-otel-')), 'meta');
  const m = new MCPConnectionManager({ backoff: { baseDelay: 20, jitter: false }, ...options });
  managers.push(m);
  await m.initialize({
    mcpServers: {
      s: { command: process.execPath, args: [toolServer], env: { META_FILE: metaFile, TOOLS: 'echo,hang' } },
    },
  });
  /** What the server received: method and `_meta`, in order. */
  const received = () =>
    readFileSync(metaFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const space = line.indexOf(' ');
        return {
          method: line.slice(0, space),
          meta: JSON.parse(line.slice(space + 1)) as Record<string, string> | null,
        };
      });
  return { m, received };
}

const spans = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.name === name);
const only = (name: string): ReadableSpan => {
  const found = spans(name);
  expect(found, name).toHaveLength(1);
  return found[0] as ReadableSpan;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('OpenTelemetry through @opentelemetry/api (real SDK, in-memory exporter, real stdio server)', () => {
  it('spans the connect (initialize its child) and each request, named after the tool, under the caller’s span', async () => {
    const { m, received } = await traced();
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('agent turn', async (turn) => {
      await m.connectServer('s');
      await m.callTool('s__echo', { text: 'hi' });
      turn.end();
    });
    const turn = only('agent turn');
    const connect = only('connect s');
    const initialize = only('initialize');
    const call = only('tools/call echo');
    expect(parentOf(connect)).toBe(turn.spanContext().spanId);
    expect(parentOf(initialize)).toBe(connect.spanContext().spanId);
    expect(parentOf(only('tools/list'))).toBe(connect.spanContext().spanId);
    expect(parentOf(call)).toBe(turn.spanContext().spanId);
    expect(call.spanContext().traceId).toBe(turn.spanContext().traceId);
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'mcp.protocol.version': '2025-11-25',
      'network.transport': 'pipe',
      'mcp.server.name': 's',
      'jsonrpc.request.id': expect.stringMatching(/^\d+$/),
    });
    expect(call.attributes['error.type']).toBeUndefined();
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(connect.attributes).toMatchObject({
      'mcp.server.name': 's',
      'mcp.protocol.version': '2025-11-25',
    });

    // The server got each request's own span as its remote parent, in params._meta.
    const sent = received();
    const toolCall = sent.find((r) => r.method === 'tools/call');
    // Beside the progress token every tools/call carries (long calls).
    expect(toolCall?.meta).toEqual({
      traceparent: `00-${call.spanContext().traceId}-${call.spanContext().spanId}-01`,
      progressToken: expect.any(Number),
    });
    expect(sent.find((r) => r.method === 'initialize')?.meta?.traceparent).toContain(
      initialize.spanContext().spanId,
    );
  });

  it('records errors: error.type and status for a JSON-RPC error and a timeout', async () => {
    const { m } = await traced();
    await m.connectServer('s');
    const client: MCPClient = await m.getClient('s');
    await expect(client.request('no/such/method')).rejects.toThrow();
    await expect(m.callTool('s__hang', {}, { timeout: 100 })).rejects.toThrow();
    const rpc = only('no/such/method');
    expect(rpc.attributes).toMatchObject({ 'error.type': '-32601', 'rpc.response.status_code': '-32601' });
    expect(rpc.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Method not found' });
    const hang = only('tools/call hang');
    expect(hang.attributes['error.type']).toBe('REQUEST_TIMEOUT');
    expect(hang.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('spans a restart from the crash until the server is back, and counts it', async () => {
    const { m } = await traced();
    await m.connectServer('s');
    const pid = ((await m.getClient('s')) as MCPClient & { pid?: number }).pid as number;
    const back = new Promise<void>((resolve) =>
      m.on('serverStateChanged', (e: ServerStateChange) => {
        if (e.state === 'connected') resolve();
      }),
    );
    process.kill(pid, 'SIGKILL');
    await back;
    const restart = only('restart s');
    expect(restart.status.code).toBe(SpanStatusCode.UNSET);
    const [first, again] = spans('connect s');
    expect(spans('connect s')).toHaveLength(2);
    // The restart is a trace of its own; the connect that brought the server back is its child, the first one not.
    expect(parentOf(restart)).toBeUndefined();
    expect(first && parentOf(first)).toBeUndefined();
    expect(again && parentOf(again)).toBe(restart.spanContext().spanId);
  });

  it('records mcp.client.operation.duration per method and tool, with error.type on failures, and breaker states', async () => {
    const { m } = await traced({ circuitBreaker: { failureThreshold: 1 } });
    await m.connectServer('s');
    await m.callTool('s__echo');
    await expect(m.callTool('s__hang', {}, { timeout: 50 })).rejects.toThrow();
    const { resourceMetrics } = await reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
    const duration = all.find((metric) => metric.descriptor.name === 'mcp.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const points = (duration?.dataPoints ?? []).map((p) => p.attributes);
    expect(points).toContainEqual(
      expect.objectContaining({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' }),
    );
    expect(points).toContainEqual(
      expect.objectContaining({ 'gen_ai.tool.name': 'hang', 'error.type': 'REQUEST_TIMEOUT' }),
    );
    expect(all.map((metric) => metric.descriptor.name)).toContain('mcp.client.operation.active');
    // The timeout opened the breaker (threshold 1): the gauge says 2 (open) for s.
    const circuit = all.find((metric) => metric.descriptor.name === 'mcp.manager.circuit.state');
    expect(circuit?.dataPoints.map((p) => [p.attributes['mcp.server.name'], p.value])).toEqual([['s', 2]]);
  });

  it('telemetry: false traces nothing and sends no trace context', async () => {
    const { m, received } = await traced({ telemetry: false });
    await m.connectServer('s');
    await trace.getTracer('test').startActiveSpan('outer', async (outer) => {
      await m.callTool('s__echo');
      outer.end();
    });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['outer']);
    // No trace context anywhere; a tools/call's `_meta` holds only its progress token.
    expect(received().every((r) => r.meta === null || Object.keys(r.meta).join() === 'progressToken')).toBe(
      true,
    );
  });
});
