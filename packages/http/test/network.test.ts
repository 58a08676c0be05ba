import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MCPTransportError } from '@org/mcp-core';
import {
  captureLogger,
  createTestPki,
  listenLoopback,
  startTinyproxy,
  type TestHttpServer,
  type TestPki,
  type Tinyproxy,
} from '@org/test-utils';
import { Agent, type Dispatcher, ProxyAgent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpExchange, type HttpNetworkOptions, networkDispatcher } from '../src/index.js';

// Real parts on loopback: Debian's tinyproxy (open, and with Basic auth), a plain http origin, and an https origin
// that asks for a client certificate, all signed by a CA this file makes with openssl.
const PROXY_USER = 'proxyuser';
const PROXY_PASSWORD = 'proxy-pass-5e1f9a7c';

let pki: TestPki;
let openProxy: Tinyproxy;
let authProxy: Tinyproxy;
let plain: TestHttpServer;
let tls: HttpsServer;
let tlsOrigin: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  pki = createTestPki();
  [openProxy, authProxy] = await Promise.all([
    startTinyproxy(),
    startTinyproxy({ user: PROXY_USER, password: PROXY_PASSWORD }),
  ]);
  plain = await listenLoopback((req, res) => {
    seen.push(req.headers);
    res.end('plain');
  });
  tls = createHttpsServer(
    {
      key: readFileSync(pki.serverKey),
      cert: readFileSync(pki.serverCert),
      ca: readFileSync(pki.ca),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      seen.push(req.headers);
      res.end(
        `tls ${(req.socket as unknown as { getPeerCertificate(): { subject: { CN: string } } }).getPeerCertificate().subject.CN}`,
      );
    },
  );
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsOrigin = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await Promise.all([openProxy?.stop(), authProxy?.stop(), plain?.close()]);
  tls?.closeAllConnections();
  await new Promise((resolve) => tls?.close(resolve));
});

const exchanges: HttpExchange[] = [];
const savedEnv = { ...process.env };
afterEach(async () => {
  while (exchanges.length) await exchanges.pop()?.close();
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'])
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  seen.length = 0;
});

function exchange(url: string, network?: HttpNetworkOptions, logger = captureLogger().logger): HttpExchange {
  const made = new HttpExchange({
    url: new URL(url),
    serverName: 'corp',
    kind: 'Streamable HTTP',
    network,
    logger,
  });
  exchanges.push(made);
  return made;
}

async function get(made: HttpExchange): Promise<{ status: number; text: string }> {
  const response = await made.request({ method: 'GET', headers: {} });
  let text = '';
  for await (const chunk of response.body) text += chunk;
  return { status: response.status, text };
}

async function failure(made: HttpExchange): Promise<MCPTransportError> {
  const error = await get(made).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MCPTransportError);
  return error as MCPTransportError;
}

const client = () => ({ ca: pki.ca, cert: pki.clientCert, key: pki.clientKey, passphrase: pki.passphrase });
const withCredentials = (proxy: Tinyproxy) =>
  `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
const lines = (proxy: Tinyproxy, needle: string) =>
  proxy
    .log()
    .split('\n')
    .filter((line) => line.includes(needle)).length;

describe('a forward proxy', () => {
  it('carries http and https origins through CONNECT tunnels', async () => {
    const plainTunnels = () => lines(openProxy, `CONNECT ${new URL(plain.origin).host}`);
    const before = plainTunnels();
    expect(await get(exchange(`${plain.origin}/mcp`, { proxy: openProxy.url }))).toEqual({
      status: 200,
      text: 'plain',
    });
    expect(plainTunnels()).toBe(before + 1);

    const host = new URL(tlsOrigin).host;
    expect(await get(exchange(`${tlsOrigin}/mcp`, { proxy: openProxy.url, ...client() }))).toEqual({
      status: 200,
      text: 'tls mcp-client',
    });
    expect(lines(openProxy, `CONNECT ${host}`)).toBeGreaterThan(0);
  });

  it('authenticates to the proxy with the URL credentials, which reach neither the origin nor a log', async () => {
    const capture = captureLogger();
    const proxied = exchange(`${plain.origin}/mcp`, { proxy: withCredentials(authProxy) }, capture.logger);
    expect(await get(proxied)).toEqual({ status: 200, text: 'plain' });
    expect(seen[0]?.['proxy-authorization']).toBeUndefined();

    const tunnelled = exchange(
      `${tlsOrigin}/mcp`,
      { proxy: withCredentials(authProxy), ...client() },
      capture.logger,
    );
    expect(await get(tunnelled)).toEqual({ status: 200, text: 'tls mcp-client' });
    expect(seen[1]?.['proxy-authorization']).toBeUndefined();
    expect(lines(authProxy, `CONNECT ${new URL(tlsOrigin).host}`)).toBeGreaterThan(0);
    expect(capture.text()).not.toContain(PROXY_PASSWORD);
  });

  it('is refused without credentials, over http and through CONNECT, the password in no error', async () => {
    const refused = await failure(exchange(`${plain.origin}/mcp`, { proxy: authProxy.url }));
    expect(refused.code).toBe('HTTP_REQUEST_FAILED');
    expect(refused.message).toMatch(/Proxy response \(407\).*Check the proxy settings/);
    const wrong = `http://${PROXY_USER}:wrong-${PROXY_PASSWORD}@127.0.0.1:${authProxy.port}`;
    const error = await failure(exchange(`${tlsOrigin}/mcp`, { proxy: wrong, ...client() }));
    expect(error.code).toBe('HTTP_REQUEST_FAILED');
    // tinyproxy answers a CONNECT with wrong credentials 401 rather than 407.
    expect(error.message).toMatch(/Proxy response \(40[17]\).*Check the proxy settings/);
    expect(`${error.message} ${error.stack} ${String(error.cause)}`).not.toContain(PROXY_PASSWORD);
    expect(seen).toHaveLength(0);
  });

  it('comes from HTTP_PROXY/HTTPS_PROXY by default, and NO_PROXY bypasses it', async () => {
    process.env.HTTP_PROXY = openProxy.url;
    process.env.HTTPS_PROXY = openProxy.url;
    const tunnels = () => lines(openProxy, `CONNECT ${new URL(plain.origin).host}`);
    const before = tunnels();
    expect((await get(exchange(`${plain.origin}/env`))).status).toBe(200);
    expect(tunnels()).toBe(before + 1);

    process.env.NO_PROXY = '127.0.0.1';
    expect((await get(exchange(`${plain.origin}/bypass`))).status).toBe(200);
    expect(tunnels()).toBe(before + 1);
    expect(seen).toHaveLength(2);
  });

  it('`proxy: false` goes direct whatever the environment says; a configured proxy wins over it', async () => {
    process.env.HTTP_PROXY = withCredentials(authProxy).replace(PROXY_PASSWORD, 'not-this-one');
    const tunnels = () => lines(openProxy, `CONNECT ${new URL(plain.origin).host}`);
    const before = tunnels();
    expect((await get(exchange(`${plain.origin}/direct`, { proxy: false }))).status).toBe(200);
    expect(seen).toHaveLength(1);
    expect((await get(exchange(`${plain.origin}/direct`, { proxy: openProxy.url }))).status).toBe(200);
    expect(tunnels()).toBe(before + 1);
  });

  it('refuses a proxy that is not an http(s) URL with NETWORK_CONFIG_INVALID, naming no credential', async () => {
    const error = await failure(
      exchange(`${plain.origin}/mcp`, { proxy: `socks5://u:${PROXY_PASSWORD}@127.0.0.1:1` }),
    );
    expect(error.code).toBe('NETWORK_CONFIG_INVALID');
    expect(error.message).toContain('"proxy"');
    expect(error.message).not.toContain(PROXY_PASSWORD);
  });
});

describe('TLS with a private CA and a client certificate', () => {
  it('is refused without the CA', async () => {
    const error = await failure(
      exchange(tlsOrigin, { cert: pki.clientCert, key: pki.clientKey, passphrase: pki.passphrase }),
    );
    expect(error.code).toBe('HTTP_REQUEST_FAILED');
    expect(error.message).toMatch(/certificate/i);
  });

  it('is refused with another CA than the one that signed the server', async () => {
    const error = await failure(exchange(tlsOrigin, { ...client(), ca: pki.otherCa }));
    expect(error.code).toBe('HTTP_REQUEST_FAILED');
  });

  it('is refused without the client certificate', async () => {
    const error = await failure(exchange(tlsOrigin, { ca: pki.ca }));
    expect(error.code).toBe('HTTP_REQUEST_FAILED');
    expect(seen).toHaveLength(0);
  });

  it('is accepted with both, the passphrase in no log', async () => {
    const capture = captureLogger();
    expect(await get(exchange(tlsOrigin, client(), capture.logger))).toEqual({
      status: 200,
      text: 'tls mcp-client',
    });
    expect(capture.text()).not.toContain(pki.passphrase);
  });

  it('insecureSkipVerify is the only way to skip verification, and it is logged as a warning', async () => {
    const capture = captureLogger();
    const insecure = exchange(
      tlsOrigin,
      { ...client(), ca: undefined, insecureSkipVerify: true },
      capture.logger,
    );
    expect((await get(insecure)).status).toBe(200);
    expect(capture.lines.filter((line) => line.level === 'warn').map((line) => line.args[1])).toEqual([
      expect.stringContaining('TLS certificate verification is OFF for server "corp"'),
    ]);
  });

  it('names an unreadable or non-PEM file and a certificate without its key (NETWORK_CONFIG_INVALID)', async () => {
    const missing = await failure(exchange(tlsOrigin, { ...client(), ca: `${pki.dir}/nowhere.pem` }));
    expect(missing.code).toBe('NETWORK_CONFIG_INVALID');
    expect(missing.message).toContain(`"ca" file ${pki.dir}/nowhere.pem cannot be read (ENOENT)`);
    const notPem = await failure(exchange(tlsOrigin, { ...client(), ca: `${pki.dir}/server.ext` }));
    expect(notPem.message).toContain('holds no PEM block');
    const half = await failure(exchange(tlsOrigin, { ca: pki.ca, cert: pki.clientCert }));
    expect(half.message).toContain('"cert" is set without "key"');
    expect(`${missing.message}${notPem.message}${half.message}`).not.toContain('PRIVATE KEY');
  });
});

describe('an injected dispatcher', () => {
  it('carries every request, wins over the settings, and is left open by close()', async () => {
    const origins: string[] = [];
    const base = new Agent();
    const counting: Dispatcher = base.compose((dispatch) => (options, handler) => {
      origins.push(String(options.origin));
      return dispatch(options, handler);
    });
    const made = exchange(`${plain.origin}/mcp`, { dispatcher: counting, proxy: 'http://127.0.0.1:1' });
    expect((await get(made)).status).toBe(200);
    await made.close();
    expect(origins).toEqual([plain.origin]);
    expect((await get(exchange(`${plain.origin}/again`, { dispatcher: counting }))).status).toBe(200);
    expect(origins).toHaveLength(2);
    await base.close();
  });
});

describe('the dispatcher made', () => {
  // undici is required at the first dispatcher made, not imported with the package: the classes must still be
  // the ones a user's `import 'undici'` gets.
  it("is of the classes a user's undici import gives", async () => {
    const context = { serverName: 'lazy', connectTimeout: 1_000, keepAliveTimeout: 1_000 };
    const direct = networkDispatcher({ proxy: false }, context);
    const proxied = networkDispatcher({ proxy: 'http://127.0.0.1:1' }, context);
    expect(direct).toMatchObject({ owned: true });
    expect(direct.dispatcher).toBeInstanceOf(Agent);
    expect(proxied.dispatcher).toBeInstanceOf(ProxyAgent);
    await Promise.all([direct.dispatcher.close(), proxied.dispatcher.close()]);
  });
});
