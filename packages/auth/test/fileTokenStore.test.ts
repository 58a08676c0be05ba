import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AuthErrorCode, MCPAuthError } from '@org/mcp-core';
import { listenLoopback } from '@org/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore, type TokenSet } from '../src/index.js';

const key = { resource: 'https://mcp.example/mcp', issuer: 'https://as.example' };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-auth-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tokens = (accessToken: string, refreshToken = 'r1'): TokenSet => ({
  accessToken,
  tokenType: 'Bearer',
  refreshToken,
});

/** A worker process and the lines it prints, awaited one by one. */
function worker(path: string, refreshUrl: string) {
  const child = spawn(
    process.execPath,
    [new URL('./fixtures/fileStoreWorker.mjs', import.meta.url).pathname, path, refreshUrl],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return { child, next: async () => (await lines.next()).value as string };
}

describe('FileTokenStore', () => {
  it('keeps tokens and clients in a 0600 file replaced atomically, leaving no temporary file', async () => {
    const path = join(dir, 'nested', 'tokens.json');
    const store = new FileTokenStore(path);
    expect(await store.getTokens(key)).toBeUndefined();
    await store.updateTokens(key, async () => tokens('a1'));
    await store.setClient(key.issuer, { clientId: 'c1' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'nested'))).toEqual(['tokens.json']);
    const again = new FileTokenStore(path);
    expect(await again.getTokens(key)).toEqual(tokens('a1'));
    expect(await again.getClient(key.issuer)).toEqual({ clientId: 'c1' });
    await again.updateTokens(key, async () => undefined);
    expect(await store.getTokens(key)).toBeUndefined();
  });

  it('two processes refreshing across the same expiry: one refresh request, both end with its tokens', async () => {
    const path = join(dir, 'tokens.json');
    await new FileTokenStore(path).updateTokens(key, async () => tokens('old'));
    let refreshes = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await listenLoopback((req, res) => {
      refreshes++;
      req.resume();
      void held.then(() => res.end(JSON.stringify(tokens(`new-${refreshes}`, `r${refreshes + 1}`))));
    });
    try {
      const a = worker(path, server.origin);
      const b = worker(path, server.origin);
      expect([await a.next(), await b.next()]).toEqual(['ready', 'ready']);
      a.child.stdin.write('go\n');
      b.child.stdin.write('go\n');
      // Both are inside updateTokens before the refresh is answered: one holds the lock, one waits.
      expect([await a.next(), await b.next()]).toEqual(['entering', 'entering']);
      release();
      const [ra, rb] = await Promise.all([a.next(), b.next()]);
      expect(refreshes).toBe(1);
      expect(JSON.parse(ra)).toEqual(tokens('new-1', 'r2'));
      expect(JSON.parse(rb)).toEqual(tokens('new-1', 'r2'));
      expect(await new FileTokenStore(path).getTokens(key)).toEqual(tokens('new-1', 'r2'));
    } finally {
      await server.close();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const path = join(dir, 'tokens.json');
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = gone.pid as number;
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(`${path}.lock`, String(pid));
    await new FileTokenStore(path, { lockTimeout: 5_000 }).updateTokens(key, async () => tokens('a1'));
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('a file that is not JSON is AUTH_STORE_FAILED naming the file, never its content', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, 'SECRET-MARK{not json');
    const error = await new FileTokenStore(path).getTokens(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPAuthError);
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_STORE_FAILED);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).not.toContain('SECRET-MARK');
    expect(await readFile(path, 'utf8')).toBe('SECRET-MARK{not json');
  });
});

describe('FileTokenStore on a path that is not a regular file', () => {
  /** The store's first read, with what it said; a hang shows as 'hung' after 5 s (a blocked open never returns). */
  async function firstRead(path: string): Promise<unknown> {
    const store = new FileTokenStore(path);
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => {
      timer = setTimeout(() => resolve('hung'), 5_000);
    });
    try {
      return await Promise.race([store.getTokens(key).catch((e: unknown) => e), hung]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('a FIFO is AUTH_STORE_FAILED at once, naming it, never a hang', async () => {
    const path = join(dir, 'tokens.json');
    execFileSync('mkfifo', [path]);
    const error = await firstRead(path);
    if (error === 'hung') {
      // Unblock the reader stuck in open(), so the worker can end.
      await (await open(path, constants.O_WRONLY | constants.O_NONBLOCK)).close();
    }
    expect(error).toBeInstanceOf(MCPAuthError);
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_STORE_FAILED);
    expect((error as MCPAuthError).message).toContain('named pipe');
  });

  it('a directory is AUTH_STORE_FAILED naming it', async () => {
    const path = join(dir, 'tokens.json');
    await mkdir(path);
    const error = await firstRead(path);
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_STORE_FAILED);
    expect((error as MCPAuthError).message).toContain('a directory');
  });

  it('a device is AUTH_STORE_FAILED naming it', async () => {
    const error = await firstRead('/dev/null');
    expect((error as MCPAuthError).code).toBe(AuthErrorCode.AUTH_STORE_FAILED);
    expect((error as MCPAuthError).message).toContain('a device');
  });
});

describe('FileTokenStore remembers whose tokens serve a server', () => {
  it('across instances (a later run), and reads files written before it kept that', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, JSON.stringify({ tokens: {}, clients: {} }));
    expect(await new FileTokenStore(path).getTokenKey('https://mcp.example/mcp')).toBeUndefined();
    await new FileTokenStore(path).setTokenKey('https://mcp.example/mcp', key);
    expect(await new FileTokenStore(path).getTokenKey('https://mcp.example/mcp')).toEqual(key);
  });
});

describe('FileTokenStore keeps each principal apart', () => {
  const server = 'https://mcp.example/mcp';
  const alice = { ...key, principal: 'alice' };
  const bob = { ...key, principal: 'bob' };

  it('an entry written before principals existed belongs to the default principal, untouched by the others', async () => {
    const path = join(dir, 'tokens.json');
    // A file of an earlier version: keys of [resource, issuer], servers by URL.
    const oldId = JSON.stringify([key.resource, key.issuer]);
    await writeFile(
      path,
      JSON.stringify({ tokens: { [oldId]: tokens('old') }, clients: {}, servers: { [server]: key } }),
    );
    const store = new FileTokenStore(path);
    expect(await store.getTokens(key)).toEqual(tokens('old'));
    expect(await store.getTokenKey(server)).toEqual(key);
    expect(await store.getTokens(alice)).toBeUndefined();
    expect(await store.getTokenKey(server, 'alice')).toBeUndefined();

    await store.updateTokens(alice, async () => tokens('a1'));
    await store.updateTokens(bob, async () => tokens('b1'));
    await store.setTokenKey(server, alice, 'alice');
    await store.setTokenKey(server, bob, 'bob');
    const again = new FileTokenStore(path);
    expect(await again.getTokens(key)).toEqual(tokens('old'));
    expect(await again.getTokens(alice)).toEqual(tokens('a1'));
    expect(await again.getTokens(bob)).toEqual(tokens('b1'));
    expect(await again.getTokenKey(server)).toEqual(key);
    expect(await again.getTokenKey(server, 'alice')).toEqual(alice);
    expect(await again.getTokenKey(server, 'bob')).toEqual(bob);

    // One principal's removal leaves the others.
    await again.updateTokens(alice, async () => undefined);
    await again.setTokenKey(server, undefined, 'alice');
    expect(await store.getTokens(alice)).toBeUndefined();
    expect(await store.getTokenKey(server, 'alice')).toBeUndefined();
    expect(await store.getTokens(bob)).toEqual(tokens('b1'));
    expect(await store.getTokens(key)).toEqual(tokens('old'));
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(file.tokens)).toEqual([oldId, JSON.stringify([key.resource, key.issuer, 'bob'])]);
  });
});
