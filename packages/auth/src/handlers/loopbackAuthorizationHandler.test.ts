import { connect } from 'node:net';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { loopbackAuthorizationHandler } from './loopbackAuthorizationHandler.js';

describe('loopbackAuthorizationHandler', () => {
  it('listens on 127.0.0.1, prints the URL, and resolves with the callback the browser brings', async () => {
    const printed: string[] = [];
    const handler = loopbackAuthorizationHandler({ print: (line) => printed.push(line) });
    try {
      const redirectUri = await handler.redirectUri();
      expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect(await handler.redirectUri()).toBe(redirectUri);
      const url = new URL('https://as.example/authorize?client_id=c&state=xyz');
      const pending = handler.authorize({ url, redirectUri, signal: new AbortController().signal });
      expect((await fetch(new URL('/elsewhere', redirectUri))).status).toBe(404);
      const browser = await fetch(`${redirectUri}?code=abc&state=xyz`);
      expect(browser.status).toBe(200);
      expect(await browser.text()).toContain('You can close this window');
      const callback = await pending;
      expect(callback.searchParams.get('code')).toBe('abc');
      expect(callback.searchParams.get('state')).toBe('xyz');
      expect(printed).toEqual([`Open this URL to authorize: ${url.href}`]);
    } finally {
      await handler.close?.();
    }
  });

  it('gives up with AUTH_AUTHORIZATION_FAILED when the provider aborts (its timeout)', async () => {
    const handler = loopbackAuthorizationHandler({ print: () => {} });
    try {
      const redirectUri = await handler.redirectUri();
      const abort = new AbortController();
      const pending = handler.authorize({
        url: new URL('https://as.example/a'),
        redirectUri,
        signal: abort.signal,
      });
      abort.abort();
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MCPAuthError);
      expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_AUTHORIZATION_FAILED);
      // No authorization is waiting any more: a late callback is not taken.
      expect((await fetch(`${redirectUri}?code=late`)).status).toBe(404);
    } finally {
      await handler.close?.();
    }
  });

  it('takes only the callback with its state: a forged or stray one is answered and ignored, the flow goes on', async () => {
    const handler = loopbackAuthorizationHandler({ print: () => {} });
    try {
      const redirectUri = await handler.redirectUri();
      const url = new URL('https://as.example/authorize?state=the-state');
      const pending = handler.authorize({ url, redirectUri, signal: new AbortController().signal });
      const forged = await fetch(`${redirectUri}?code=forged&state=other`);
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('ignored');
      expect((await fetch(`${redirectUri}?code=stray`)).status).toBe(400);
      expect((await fetch(`${redirectUri}?code=good&state=the-state`)).status).toBe(200);
      expect((await pending).searchParams.get('code')).toBe('good');
    } finally {
      await handler.close?.();
    }
  });

  it('close() ends while a browser keeps a connection open', async () => {
    const handler = loopbackAuthorizationHandler({ print: () => {} });
    const redirectUri = new URL(await handler.redirectUri());
    // A keep-alive connection with a request under way, as a browser leaves one.
    const socket = connect(Number(redirectUri.port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      handler.close?.().then(() => 'closed'),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve('still open after 5 s'), 5_000);
      }),
    ]);
    clearTimeout(timer);
    socket.destroy();
    expect(outcome).toBe('closed');
    await closed;
  });
});
