import { request } from 'node:http';
import { listenLoopback } from './httpServer.js';

/** One HTTP request a server behind a {@link RecordingProxy} saw, and how it answered. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** The JSON-RPC method of a POSTed request or notification (the first of a batch). */
  rpc: string | undefined;
  status: number;
  /** The `Mcp-Session-Id` the server gave in its answer. */
  sessionCreated: string | undefined;
}

export interface RecordingProxy {
  /** The proxy's URL for `target`'s path: what a client is given instead of the server's. */
  url: string;
  /** Every request forwarded so far, in order of their answers' heads. */
  seen: SeenRequest[];
  /** Forgets what was seen. */
  reset(): void;
  /** Sends what follows to another server: the proxy's own path goes to the new server's path. */
  retarget(target: string): void;
  close(): Promise<void>;
}

/**
 * A reverse proxy on 127.0.0.1 in front of a real server, recording each request it forwards
 * (method, path, JSON-RPC method, status): how a test counts what the server sees. Bodies and
 * event streams pass through unchanged.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  let upstream = new URL(target);
  const ownPath = upstream.pathname;
  const seen: SeenRequest[] = [];
  const proxy = await listenLoopback(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: pathTo(upstream, ownPath, req.url ?? '/'),
        headers: { ...req.headers, host: upstream.host },
        agent: false,
      },
      (answer) => {
        const session = answer.headers['mcp-session-id'];
        seen.push({
          method: req.method ?? '',
          path: req.url ?? '',
          rpc: rpcMethodOf(body),
          status: answer.statusCode ?? 0,
          sessionCreated:
            typeof session === 'string' && req.headers['mcp-session-id'] === undefined ? session : undefined,
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        res.on('close', () => answer.destroy());
      },
    );
    forwarded.on('error', () => res.destroy());
    res.on('close', () => forwarded.destroy());
    forwarded.end(body);
  });
  return {
    url: `${proxy.origin}${ownPath}${upstream.search}`,
    seen,
    reset: () => void seen.splice(0),
    retarget: (next) => {
      upstream = new URL(next);
    },
    close: () => proxy.close(),
  };
}

function rpcMethodOf(body: Buffer): string | undefined {
  try {
    const message = JSON.parse(body.toString('utf8')) as unknown;
    const first = Array.isArray(message) ? message[0] : message;
    const method = (first as { method?: unknown } | null)?.method;
    return typeof method === 'string' ? method : undefined;
  } catch {
    return undefined;
  }
}

/** The upstream path of a request: the proxy's own path maps to the current server's, the rest pass as they are. */
function pathTo(upstream: URL, ownPath: string, path: string): string {
  const [pathname, query] = path.split('?', 2);
  if (pathname !== ownPath) return path;
  return query === undefined ? upstream.pathname : `${upstream.pathname}?${query}`;
}
