import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, readJson, type TestHttpServer } from '@org/test-utils';

/** One HTTP request the fixture received. */
export interface SeenRequest {
  httpMethod: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON-RPC body of a POST. */
  body: any;
}

/** Answers one JSON-RPC request; return false to fall through to the default behaviour. */
export type Route = (context: {
  req: IncomingMessage;
  res: ServerResponse;
  message: any;
  fixture: FixtureServer;
}) => unknown;

export interface FixtureServer extends TestHttpServer {
  url: string;
  seen: SeenRequest[];
  /** Live session ids; a request with another id gets 404. */
  sessions: Set<string>;
  routes: Map<string, Route>;
  /** Handles GET; default 405. */
  onGet: (req: IncomingMessage, res: ServerResponse) => void;
  /** Handles DELETE; default ends the session with 200. */
  onDelete: (req: IncomingMessage, res: ServerResponse) => void;
  posts(method: string): SeenRequest[];
  /** Resolves when a request matching `predicate` has been seen. */
  waitFor(predicate: (r: SeenRequest) => boolean): Promise<SeenRequest>;
}

/** Writes a JSON body. */
export function sendJson(
  res: ServerResponse,
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** Opens an event-stream answer. */
export function openStream(res: ServerResponse, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
}

/** Writes one SSE event. */
export function writeEvent(
  res: ServerResponse,
  data: unknown,
  options: { id?: string; retry?: number } = {},
) {
  let event = '';
  if (options.retry !== undefined) event += `retry: ${options.retry}\n`;
  if (options.id !== undefined) event += `id: ${options.id}\n`;
  event += `data: ${data === '' ? '' : JSON.stringify(data)}\n\n`;
  res.write(event);
}

export const INITIALIZE_RESULT = {
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  serverInfo: { name: 'fixture', version: '1.0.0' },
};

/**
 * A programmable Streamable HTTP MCP server on 127.0.0.1: initialize assigns a session
 * (`session-1`, `session-2`…), notifications get 202, ping and tools/list answer in JSON,
 * a stale session gets 404, DELETE ends the session. Every request is recorded.
 */
export async function startFixture(): Promise<FixtureServer> {
  let sessionCount = 0;
  const waiters: { predicate: (r: SeenRequest) => boolean; resolve: (r: SeenRequest) => void }[] = [];
  const fixture = {} as FixtureServer;
  const record = (seen: SeenRequest) => {
    fixture.seen.push(seen);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(seen)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(seen);
      }
    }
  };
  const http = await listenLoopback((req, res) => {
    void (async () => {
      const sessionId = req.headers['mcp-session-id'] as string | undefined;
      if (req.method === 'GET') {
        record({ httpMethod: 'GET', headers: req.headers, body: undefined });
        if (sessionId && !fixture.sessions.has(sessionId)) return sendJson(res, {}, 404);
        return fixture.onGet(req, res);
      }
      if (req.method === 'DELETE') {
        record({ httpMethod: 'DELETE', headers: req.headers, body: undefined });
        return fixture.onDelete(req, res);
      }
      const message = (await readJson(req)) as any;
      record({ httpMethod: 'POST', headers: req.headers, body: message });
      if (message.method !== 'initialize' && sessionId && !fixture.sessions.has(sessionId)) {
        return sendJson(
          res,
          { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } },
          404,
        );
      }
      const route = message.method ? fixture.routes.get(message.method) : undefined;
      if (route && (await route({ req, res, message, fixture })) !== false) return;
      if (message.method === 'initialize') {
        const id = `session-${++sessionCount}`;
        fixture.sessions.add(id);
        return sendJson(res, { jsonrpc: '2.0', id: message.id, result: INITIALIZE_RESULT }, 200, {
          'mcp-session-id': id,
        });
      }
      if (message.id === undefined || message.method === undefined) return res.writeHead(202).end();
      if (message.method === 'ping') return sendJson(res, { jsonrpc: '2.0', id: message.id, result: {} });
      if (message.method === 'tools/list') {
        return sendJson(res, {
          jsonrpc: '2.0',
          id: message.id,
          result: { tools: [{ name: 'add', inputSchema: { type: 'object' } }] },
        });
      }
      return sendJson(res, {
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32601, message: `Method not found: ${message.method}` },
      });
    })();
  });
  Object.assign(fixture, http, {
    url: `${http.origin}/mcp`,
    seen: [],
    sessions: new Set<string>(),
    routes: new Map<string, Route>(),
    onGet: (_req: IncomingMessage, res: ServerResponse) => res.writeHead(405).end(),
    onDelete: (req: IncomingMessage, res: ServerResponse) => {
      fixture.sessions.delete(req.headers['mcp-session-id'] as string);
      res.writeHead(200).end();
    },
    posts: (method: string) =>
      fixture.seen.filter((r) => r.httpMethod === 'POST' && r.body?.method === method),
    waitFor: (predicate: (r: SeenRequest) => boolean) => {
      const found = fixture.seen.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<SeenRequest>((resolve) => waiters.push({ predicate, resolve }));
    },
  });
  return fixture;
}
