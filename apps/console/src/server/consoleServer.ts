import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MCPConnectionManager, MCPError } from '@org/mcp-manager';
import { CallCounter } from './callFigures.js';
import { ConsoleApi } from './consoleApi.js';
import { EventStream } from './eventStream.js';
import { COMMON_HEADERS, HttpProblem, sendJson } from './httpUtil.js';
import { RecentLogs } from './recentLogs.js';

export interface ConsoleOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Folder of the built page (index.html, app.js, style.css). */
  pageDir: string;
}

export interface RunningConsole {
  /** The page's address, with the run's token in it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the console on 127.0.0.1: the page and its API, each request with the run's token (query `t` or header
 * `x-console-token`) and a loopback Host header, else refused; views at capability URLs of their own.
 */
export async function startConsole(
  manager: MCPConnectionManager,
  options: ConsoleOptions,
): Promise<RunningConsole> {
  const token = randomBytes(24).toString('base64url');
  const events = new EventStream();
  let pending: NodeJS.Timeout | undefined;
  // Snapshots are taken and sent one after another, so a slow one never lands after a newer one.
  let sending = Promise.resolve();
  // Many events in a burst (a fleet starting) make one snapshot.
  const stateChanged = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      sending = sending.then(() =>
        api.state().then(
          (servers) => events.send('state', servers),
          () => undefined,
        ),
      );
    }, 100);
  };
  const figures = new CallCounter(stateChanged);
  const removeHook = manager.addHook(figures.hook());
  const logs = new RecentLogs(manager, (entry) => events.send('log', entry));
  const api = new ConsoleApi(manager, figures, logs);
  for (const event of ['serverStateChanged', 'circuitStateChanged', 'toolsChanged'] as const)
    manager.on(event, stateChanged);
  manager.on('toolsChanged', ({ server }) => events.send('tools', { server }));

  const page = (file: string) => readFileSync(`${options.pageDir}/${file}`);
  const html = page('index.html').toString('utf8').replaceAll('__TOKEN__', token);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => problem(res, error));
  });
  let port = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!loopbackHost(req.headers.host, port)) throw new HttpProblem(421, 'BAD_HOST', 'Not a loopback Host.');
    // A view is served at its own capability URL: the run's token never enters a server's document.
    const view = /^\/view\/([\w-]{1,64})$/.exec(url.pathname);
    if (view?.[1] && req.method === 'GET') return api.serveView(view[1], res);
    if (!hasToken(req, url, token)) throw new HttpProblem(403, 'NO_TOKEN', 'This console needs its token.');
    if (req.method === 'GET' && url.pathname === '/')
      return send(res, 'text/html; charset=utf-8', html, PAGE_CSP);
    if (req.method === 'GET' && url.pathname === '/app.js')
      return send(res, 'text/javascript', page('app.js'));
    if (req.method === 'GET' && url.pathname === '/style.css')
      return send(res, 'text/css', page('style.css'));
    if (req.method === 'GET' && url.pathname === '/api/events') {
      if (!events.open(res)) throw new HttpProblem(503, 'TOO_MANY_PAGES', 'Too many pages are open.');
      events.send('state', await api.state());
      return;
    }
    return api.route(req, res, url);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?t=${token}`,
    port,
    close: async () => {
      if (pending) clearTimeout(pending);
      removeHook();
      events.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, type: string, body: string | Buffer, csp?: string): void {
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': type,
    ...(csp ? { 'content-security-policy': csp } : {}),
  });
  res.end(body);
}

function problem(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const [status, code, message] =
    error instanceof HttpProblem
      ? [error.status, error.code, error.message]
      : error instanceof MCPError
        ? [502, error.code, error.message]
        : [500, 'INTERNAL', error instanceof Error ? error.message : String(error)];
  sendJson(res, status, { error: { code, message } });
}

function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const given = url.searchParams.get('t') ?? req.headers['x-console-token'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own Host: refused. */
function loopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
