import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MCPConnectionManager } from '@org/mcp-manager';
import type { CallCounter } from './callFigures.js';
import { type ServerView, serverViews, toolViews } from './fleetState.js';
import { COMMON_HEADERS, HttpProblem, objectField, readJson, sendJson, stringField } from './httpUtil.js';
import type { RecentLogs } from './recentLogs.js';
import { viewAllow, viewCsp } from './viewCsp.js';

/** Views handed out and not yet loaded; the oldest goes first past this many. */
const MAX_OPEN_VIEWS = 32;

/** The console's JSON API over the manager: state, tools, logs, calls, and what views need. */
export class ConsoleApi {
  /** Each view handed to the page, by its one-time id: the document and the policy it is served with. */
  private readonly views = new Map<string, { html: string; csp: string }>();

  constructor(
    private readonly manager: MCPConnectionManager,
    private readonly figures: CallCounter,
    private readonly logs: RecentLogs,
  ) {}

  state(): Promise<ServerView[]> {
    return serverViews(this.manager, this.figures);
  }

  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const m = this.manager;
    const at = `${req.method} ${url.pathname}`;
    if (at === 'GET /api/state') return sendJson(res, 200, await this.state());
    if (at === 'GET /api/tools') return sendJson(res, 200, await toolViews(m));
    if (at === 'GET /api/logs') return sendJson(res, 200, this.logs.of(url.searchParams.get('server') ?? ''));
    if (req.method !== 'POST') throw new HttpProblem(404, 'NOT_FOUND', `No ${at}.`);
    const body = await readJson(req);
    if (url.pathname === '/api/call') {
      return sendJson(res, 200, await m.callTool(stringField(body, 'tool'), objectField(body, 'args')));
    }
    if (url.pathname === '/api/views')
      return sendJson(res, 200, await this.openView(stringField(body, 'tool')));
    if (url.pathname === '/api/app/call') {
      const result = await m.callToolFromApp(
        stringField(body, 'viewTool'),
        stringField(body, 'name'),
        objectField(body, 'args'),
      );
      return sendJson(res, 200, result);
    }
    if (url.pathname === '/api/app/read') {
      // A view reads resources of its own server only.
      const server = (await m.readAppView(stringField(body, 'viewTool'))).server;
      return sendJson(res, 200, await m.readResource({ server, uri: stringField(body, 'uri') }));
    }
    throw new HttpProblem(404, 'NOT_FOUND', `No ${at}.`);
  }

  /** Reads a tool's view through the manager and gives it a one-time URL (`/view/<id>`). */
  private async openView(tool: string) {
    const view = await this.manager.readAppView(tool);
    const id = randomUUID();
    this.views.set(id, { html: view.html, csp: viewCsp(view) });
    while (this.views.size > MAX_OPEN_VIEWS) this.views.delete(this.views.keys().next().value as string);
    return {
      id,
      server: view.server,
      uri: view.uri,
      allow: viewAllow(view),
      prefersBorder: view.prefersBorder,
    };
  }

  /** Serves a view once, with its CSP; the id is spent. */
  serveView(id: string, res: ServerResponse): void {
    const view = this.views.get(id);
    this.views.delete(id);
    if (!view) throw new HttpProblem(404, 'NO_VIEW', 'No such view (each is served once).');
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': view.csp,
    });
    res.end(view.html);
  }
}
