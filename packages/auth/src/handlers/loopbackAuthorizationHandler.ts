import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { deadline } from '@org/mcp-core/internal';
import type { AuthorizationHandler, AuthorizationRequest } from './authorizationHandler.js';

export interface LoopbackAuthorizationHandlerOptions {
  /** The port to listen on, on 127.0.0.1. Default 0: an ephemeral one, chosen once and kept. */
  port?: number | undefined;
  /** The callback path. Default `/callback`. */
  path?: string | undefined;
  /** Open the system browser at the authorization URL. Default false: only `print` it. */
  openBrowser?: boolean | undefined;
  /** Shows the URL to the user. Default: a line on stderr. */
  print?: ((message: string) => void) | undefined;
  /** How long to wait for the callback, in ms (the provider's authorizationTimeout bounds it too). Default 300 000. */
  timeout?: number | undefined;
}

/** How long the handler waits for the callback unless told otherwise, in ms. */
const DEFAULT_LOOPBACK_TIMEOUT = 300_000;

/** What a browser sees at the callback. */
const DONE_PAGE =
  '<!doctype html><title>Authorized</title><p>Authorization finished. You can close this window.</p>';
/** What a request that is not this flow's callback sees (a stray or forged one): the flow goes on. */
const STRAY_PAGE =
  '<!doctype html><title>Not this authorization</title><p>This is not the callback of the authorization in progress; it was ignored.</p>';

/**
 * The RFC 8252 native-app handler: listens on 127.0.0.1 (never on other interfaces), shows the
 * authorization URL (and opens a browser where asked), and resolves with the callback URL the
 * browser is redirected to. The listener is unref'd, so it never keeps the process alive; `close()` stops it.
 */
export function loopbackAuthorizationHandler(
  options: LoopbackAuthorizationHandlerOptions = {},
): AuthorizationHandler {
  const path = options.path ?? '/callback';
  const print = options.print ?? ((message: string) => process.stderr.write(`${message}\n`));
  let server: Server | undefined;
  let listening: Promise<string> | undefined;
  /** The flow waiting for its callback: only a callback with its `state` ends it. */
  let waiter: { state: string | null; resolve: (url: URL) => void } | undefined;

  const redirectUri = (): Promise<string> => {
    listening ??= new Promise<string>((resolve, reject) => {
      // node:http is loaded here, at the first flow: a manager that never runs one loads no HTTP server.
      server = process.getBuiltinModule('node:http').createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (req.method !== 'GET' || url.pathname !== path || !waiter) {
          res.writeHead(404).end();
          return;
        }
        if (url.searchParams.get('state') !== waiter.state) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(STRAY_PAGE);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(DONE_PAGE);
        waiter.resolve(new URL(`${redirectBase()}${url.search}`));
      });
      server.unref();
      server.once('error', (error) => {
        listening = undefined;
        reject(error);
      });
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve(redirectBase()));
    });
    return listening;
  };
  const redirectBase = () => `http://127.0.0.1:${(server?.address() as AddressInfo | null)?.port}${path}`;

  return {
    redirectUri,
    async authorize({ url, signal }: AuthorizationRequest): Promise<URL> {
      await redirectUri();
      const both = deadline(options.timeout ?? DEFAULT_LOOPBACK_TIMEOUT, signal);
      const callback = new Promise<URL>((resolve, reject) => {
        const giveUp = () =>
          reject(
            new MCPAuthError(
              AuthErrorCode.AUTH_AUTHORIZATION_FAILED,
              `No authorization callback arrived at ${redirectBase()} in time; the user did not finish in the browser.`,
            ),
          );
        if (both.signal.aborted) return giveUp();
        waiter = { state: url.searchParams.get('state'), resolve };
        both.signal.addEventListener('abort', giveUp, { once: true });
      });
      print(`Open this URL to authorize: ${url.href}`);
      if (options.openBrowser) openBrowser(url.href);
      try {
        return await callback;
      } finally {
        both.clear();
        waiter = undefined;
      }
    },
    async close() {
      const current = server;
      server = undefined;
      listening = undefined;
      if (!current?.listening) return;
      // A browser keeps its connection open: without ending them, close() would wait for it.
      const closed = new Promise<void>((resolve) => current.close(() => resolve()));
      current.closeAllConnections();
      await closed;
    },
  };
}

/** The platform's opener with the URL as one argument (no shell); a missing opener is ignored: the URL was printed. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
