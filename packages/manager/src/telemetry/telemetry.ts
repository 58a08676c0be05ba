import type { Attributes, Counter, Histogram, Span, Tracer, UpDownCounter } from '@opentelemetry/api';
import type {
  MCPServerConfig,
  ObservedRequest,
  RequestObservation,
  RequestObserver,
  RequestOutcome,
} from '@org/mcp-core';
import { MCPError } from '@org/mcp-core';
import type { OpenTelemetry } from './openTelemetry.js';

/** The circuit breaker's state as the gauge reports it. */
const CIRCUIT_LEVEL: Record<string, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The instrumentation scope name of the manager's spans and metrics. */
export const TELEMETRY_SCOPE = '@org/mcp-manager';

/** What a span knows of the server a request goes to. */
export interface ServerFacts {
  name: string;
  config: MCPServerConfig;
  /** The protocol revision, once negotiated. */
  protocolVersion: () => string | undefined;
}

/** `network.transport` and `server.address`/`server.port`, as the MCP semantic conventions name them. */
function networkAttributes(config: MCPServerConfig): Attributes {
  if (config.transport === undefined || config.transport === 'stdio') return { 'network.transport': 'pipe' };
  const url = new URL((config as { url: string }).url);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return {
    'network.transport': 'tcp',
    'network.protocol.name': 'http',
    'server.address': url.hostname,
    'server.port': port,
  };
}

/** The request's target: a tool or prompt name (low cardinality, also in the span name) or a resource URI. */
function targetAttributes(method: string, params: Record<string, unknown> | undefined): Attributes {
  const name = typeof params?.name === 'string' ? params.name : undefined;
  if (method === 'tools/call' && name)
    return { 'gen_ai.tool.name': name, 'gen_ai.operation.name': 'execute_tool' };
  if (method === 'prompts/get' && name) return { 'gen_ai.prompt.name': name };
  if (method.startsWith('resources/') && typeof params?.uri === 'string')
    return { 'mcp.resource.uri': params.uri };
  return {};
}

/** `error.type` for how a request ended: the JSON-RPC code, `tool_error`, the MCPError code; undefined for success. */
function errorType(outcome: RequestOutcome): { type: string; message: string; rpcCode?: number } | undefined {
  if (outcome.response) {
    const response = outcome.response as {
      error?: { code: number; message: string };
      result?: { isError?: unknown };
    };
    if (response.error)
      return {
        type: String(response.error.code),
        message: response.error.message,
        rpcCode: response.error.code,
      };
    return response.result?.isError === true
      ? { type: 'tool_error', message: 'the tool reported an error' }
      : undefined;
  }
  const error = outcome.error;
  if (error instanceof MCPError) return { type: error.code, message: error.message };
  return {
    type: error instanceof Error ? error.name : 'unknown',
    message: String((error as Error)?.message ?? error),
  };
}

/**
 * Spans and metrics per the OpenTelemetry semantic conventions for MCP (gen-ai/mcp.md): a CLIENT span per request
 * (`tools/call {tool}`), with trace context injected into `params._meta`; spans for connects and restarts; the
 * `mcp.client.operation.duration` histogram and the manager's own counters. Through `@opentelemetry/api` only.
 */
export class Telemetry {
  private readonly tracer: Tracer;
  private readonly duration: Histogram;
  private readonly active: UpDownCounter;
  private readonly restarts: Counter;
  private readonly circuitChanges: Counter;
  /** Each server's breaker as a number (0 closed, 1 half-open, 2 open), read by the `mcp.manager.circuit.state` gauge. */
  private readonly circuitStates = new Map<string, number>();
  /** The restart under way per server: its connect attempts are its children. */
  private readonly restartSpans = new Map<string, Span>();
  /** False when no meter provider was registered before the manager was made: its instruments would be no-ops. */
  private readonly metered: boolean;

  constructor(private readonly api: OpenTelemetry) {
    this.tracer = api.trace.getTracer(TELEMETRY_SCOPE);
    const meter = api.metrics.getMeter(TELEMETRY_SCOPE);
    this.metered = Object.getPrototypeOf(meter) !== Object.getPrototypeOf(api.createNoopMeter());
    this.duration = meter.createHistogram('mcp.client.operation.duration', {
      unit: 's',
      description: 'Duration of an MCP request as the client sees it, from sending to its response',
    });
    this.active = meter.createUpDownCounter('mcp.client.operation.active', {
      description: 'MCP requests sent and not yet answered',
    });
    this.restarts = meter.createCounter('mcp.manager.restarts', {
      description: 'Server restarts the manager began',
    });
    this.circuitChanges = meter.createCounter('mcp.manager.circuit.transitions', {
      description: 'Circuit breaker state changes, by the state entered',
    });
    meter
      .createObservableGauge('mcp.manager.circuit.state', {
        description: "Each server's circuit breaker: 0 closed, 1 half-open, 2 open",
      })
      .addCallback((result) => {
        for (const [server, level] of this.circuitStates)
          result.observe(level, { 'mcp.server.name': server });
      });
  }

  /** A request observer for one server's client; `inner` is the user's own observer, if any. */
  observer(server: ServerFacts, inner?: RequestObserver): RequestObserver {
    const network = networkAttributes(server.config);
    return (request) => this.observe(request, server, network, inner?.(request));
  }

  /**
   * Runs one connect attempt of `server` inside a `connect {server}` span (the initialize request is its child),
   * itself a child of the server's restart under way, if any.
   */
  async connect<T>(server: ServerFacts, attempt: () => Promise<T>): Promise<T> {
    const { trace, context } = this.api;
    const restart = this.restartSpans.get(server.name);
    const parent = restart ? trace.setSpan(context.active(), restart) : context.active();
    const span = this.tracer.startSpan(
      `connect ${server.name}`,
      {
        kind: this.api.SpanKind.CLIENT,
        attributes: { 'mcp.server.name': server.name, ...networkAttributes(server.config) },
      },
      parent,
    );
    try {
      const result = await context.with(trace.setSpan(parent, span), attempt);
      const version = server.protocolVersion();
      if (version) span.setAttribute('mcp.protocol.version', version);
      return result;
    } catch (error) {
      this.fail(span, errorType({ error }));
      throw error;
    } finally {
      span.end();
    }
  }

  /** A restart of the server began: a `restart {server}` span until restartEnded (one at a time per server). */
  restartBegan(serverName: string): void {
    if (this.restartSpans.has(serverName)) return;
    this.restarts.add(1, { 'mcp.server.name': serverName });
    // A root: the crash is seen in whatever context the lost connection was made, which is not its cause.
    const span = this.tracer.startSpan(
      `restart ${serverName}`,
      { attributes: { 'mcp.server.name': serverName } },
      this.api.ROOT_CONTEXT,
    );
    this.restartSpans.set(serverName, span);
  }

  /** The server's restart under way, if any, ended: back up (no error) or not (why). */
  restartEnded(serverName: string, error?: Error): void {
    const span = this.restartSpans.get(serverName);
    if (!span) return;
    this.restartSpans.delete(serverName);
    if (error) this.fail(span, errorType({ error }));
    span.end();
  }

  circuitChanged(serverName: string, state: string): void {
    this.circuitChanges.add(1, { 'mcp.server.name': serverName, 'mcp.manager.circuit.state': state });
    this.circuitStates.set(serverName, CIRCUIT_LEVEL[state] ?? 0);
  }

  private observe(
    request: ObservedRequest,
    server: ServerFacts,
    network: Attributes,
    inner: RequestObservation | undefined,
  ): RequestObservation | undefined {
    const { method } = request;
    const target = targetAttributes(method, request.params);
    const named = target['gen_ai.tool.name'] ?? target['gen_ai.prompt.name'];
    const span = this.tracer.startSpan(named ? `${method} ${named}` : method, {
      kind: this.api.SpanKind.CLIENT,
      attributes: { 'mcp.method.name': method },
    });
    const meta = this.traceContext(span, inner?.meta);
    // A no-op tracer and meter (an API with no SDK): pass trace context on, and nothing else.
    if (!span.isRecording() && !this.metered)
      return meta || inner ? { meta, end: (o) => inner?.end(o) } : undefined;
    const version = server.protocolVersion();
    const common: Attributes = {
      'mcp.method.name': method,
      ...target,
      ...network,
      'mcp.server.name': server.name,
      ...(version && { 'mcp.protocol.version': version }),
    };
    span.setAttributes({ ...common, 'jsonrpc.request.id': String(request.id) });
    const { 'mcp.resource.uri': _uri, ...metricAttributes } = common;
    const activeAttributes = { 'mcp.method.name': method, 'mcp.server.name': server.name };
    if (this.metered) this.active.add(1, activeAttributes);
    const started = performance.now();
    return {
      meta,
      end: (outcome) => {
        inner?.end(outcome);
        const failure = errorType(outcome);
        if (failure) {
          this.fail(span, failure);
          metricAttributes['error.type'] = failure.type;
        }
        span.end();
        if (!this.metered) return;
        this.active.add(-1, activeAttributes);
        this.duration.record((performance.now() - started) / 1000, metricAttributes);
      },
    };
  }

  /** What the configured propagators write for `span` (W3C `traceparent`, `tracestate`), for params._meta, unprefixed. */
  private traceContext(
    span: Span,
    own: Record<string, string> | undefined,
  ): Record<string, string> | undefined {
    const { context, trace, propagation } = this.api;
    const meta: Record<string, string> = { ...own };
    if (trace.isSpanContextValid(span.spanContext()))
      propagation.inject(trace.setSpan(context.active(), span), meta);
    return Object.keys(meta).length > 0 ? meta : undefined;
  }

  private fail(span: Span, failure: { type: string; message: string; rpcCode?: number } | undefined): void {
    if (!failure) return;
    span.setAttribute('error.type', failure.type);
    if (failure.rpcCode !== undefined) span.setAttribute('rpc.response.status_code', String(failure.rpcCode));
    span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: failure.message });
  }
}
