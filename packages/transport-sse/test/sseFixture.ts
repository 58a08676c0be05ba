import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, readJson, type TestHttpServer } from '@org/test-utils';

/** A JSON-RPC message as the fixture sees it. */
export interface WireMessage {
  jsonrpc: '2.0';
  id?: string | number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: unknown;
}

export interface SseFixtureOptions {
  /** What the endpoint event says; undefined: never sent. Default: a relative path with the session id. */
  endpoint?: (sessionId: string) => string | undefined;
  /** Answers the GET itself instead of opening a stream (status pages, wrong content types). */
  streamResponse?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Answers a POST itself (return true) before the MCP logic runs. */
  post?: (message: WireMessage, req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface SseFixture extends TestHttpServer {
  url: string;
  /** Headers of every GET and POST received, in order. */
  requests: { method: string; headers: IncomingHttpHeaders; message?: WireMessage }[];
  /** Open event streams by session id. */
  streams: Map<string, ServerResponse>;
  /** Resolves when the next stream closes (client gone or dropped). */
  streamClosed(): Promise<void>;
  /** Writes raw event-stream text to every open stream. */
  write(text: string): void;
  /** Drops every stream's TCP connection, as a crashing server would. */
  dropStreams(): void;
}

/**
 * A minimal MCP server on the legacy HTTP+SSE transport (node:http, 127.0.0.1): answers
 * initialize, ping, tools/list and tools/call (`echo` answers, `hang` never does, `drop` drops the stream).
 */
export async function startSseFixture(options: SseFixtureOptions = {}): Promise<SseFixture> {
  const streams = new Map<string, ServerResponse>();
  const requests: SseFixture['requests'] = [];
  let closedWaiters: (() => void)[] = [];
  const endpoint = options.endpoint ?? ((id: string) => `/messages?sessionId=${id}`);

  const send = (sessionId: string, message: unknown) =>
    streams.get(sessionId)?.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);

  const answer = (sessionId: string, message: WireMessage) => {
    if (message.id === undefined || message.method === undefined) return;
    const reply = (result: unknown) => send(sessionId, { jsonrpc: '2.0', id: message.id, result });
    switch (message.method) {
      case 'initialize':
        reply({
          protocolVersion: '2024-11-05',
          capabilities: { tools: {} },
          serverInfo: { name: 'sse-fixture', version: '1.0.0' },
        });
        return;
      case 'ping':
        reply({});
        return;
      case 'tools/list':
        reply({
          tools: ['echo', 'hang', 'drop'].map((name) => ({ name, inputSchema: { type: 'object' } })),
        });
        return;
      case 'tools/call': {
        const name = message.params?.name;
        if (name === 'echo') {
          const text = String((message.params?.arguments as { text?: unknown })?.text ?? '');
          reply({ content: [{ type: 'text', text }] });
        } else if (name === 'drop') {
          streams.get(sessionId)?.socket?.destroy();
        }
        return;
      }
      default:
        send(sessionId, {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32601, message: `Method not found: ${message.method}` },
        });
    }
  };

  const server = await listenLoopback(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      requests.push({ method: 'GET', headers: req.headers });
      if (options.streamResponse) {
        options.streamResponse(req, res);
        return;
      }
      const sessionId = randomUUID();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      streams.set(sessionId, res);
      res.on('close', () => {
        streams.delete(sessionId);
        const waiters = closedWaiters;
        closedWaiters = [];
        for (const resolve of waiters) resolve();
      });
      const announced = endpoint(sessionId);
      if (announced !== undefined) res.write(`event: endpoint\ndata: ${announced}\n\n`);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const message = (await readJson(req)) as WireMessage;
      requests.push({ method: 'POST', headers: req.headers, message });
      if (options.post?.(message, req, res)) return;
      const sessionId = url.searchParams.get('sessionId') ?? '';
      if (!streams.has(sessionId)) {
        res.writeHead(404).end('unknown session');
        return;
      }
      res.writeHead(202).end('Accepted');
      answer(sessionId, message);
      return;
    }
    res.writeHead(404).end();
  });

  return {
    ...server,
    url: `${server.origin}/sse`,
    requests,
    streams,
    streamClosed: () => new Promise<void>((resolve) => closedWaiters.push(resolve)),
    write: (text) => {
      for (const stream of streams.values()) stream.write(text);
    },
    dropStreams: () => {
      for (const stream of streams.values()) stream.socket?.destroy();
    },
  };
}
