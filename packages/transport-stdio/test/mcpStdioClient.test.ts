import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MCPConfigError, MCPConnectionError, MCPTimeoutError, MCPTransportError } from '@org/mcp-core';
import { captureLogger, isAlive, waitUntil } from '@org/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_STDERR_TAIL_SIZE, MCPStdioClient } from '../src/index.js';
import { stdioClients, textOf } from './support/clients.js';
import { fixture, nodeServer } from './support/fixture.js';
import { pgidOf } from './support/processGroups.js';

const { client, connected, groups } = stdioClients();

describe('MCPStdioClient with a well-behaved server', () => {
  it('connects, lists and calls tools, and disconnects leaving nothing behind', async () => {
    const { client: echo, pid } = await connected(nodeServer('echoServer.mjs'));
    expect(echo.name).toBe('node');
    expect(echo.transportType).toBe('stdio');
    expect(echo.state).toBe('connected');
    expect(echo.serverInfo?.name).toBe('echo');
    expect(pgidOf(pid)).toBe(pid);
    const tools = await echo.getTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    expect(textOf(await echo.callTool('echo', { text: 'hello' }))).toBe('hello');
    expect(await echo.isHealthy()).toBe(true);

    const closes: unknown[] = [];
    echo.on('close', (reason) => closes.push(reason));
    const first = echo.disconnect();
    const second = echo.disconnect();
    await Promise.all([first, second]);
    await echo.disconnect();
    expect(echo.state).toBe('closed');
    expect(closes).toEqual([undefined]);
    expect(isAlive(pid)).toBe(false);
    expect(await echo.isHealthy()).toBe(false);
  });

  it('uses options.name, and connects again after a disconnect with a new process', async () => {
    const { client: echo, pid } = await connected(nodeServer('echoServer.mjs'), { name: 'files' });
    expect(echo.name).toBe('files');
    await echo.disconnect();
    await echo.connect();
    const second = groups.add(echo.pid);
    expect(second).not.toBe(pid);
    expect(textOf(await echo.callTool('echo', { text: 'again' }))).toBe('again');
  });

  it('carries large messages both ways, waiting on the pipe rather than buffering without bound', async () => {
    const { client: echo } = await connected(nodeServer('echoServer.mjs'));
    const text = 'y'.repeat(4 * 1024 * 1024);
    const results = await Promise.all([1, 2, 3].map(() => echo.callTool('echo', { text })));
    for (const result of results) expect(textOf(result)).toHaveLength(text.length);
    expect(textOf(await echo.callTool('big', { size: 8 * 1024 * 1024 }))).toHaveLength(8 * 1024 * 1024);
  });

  it('starts the server in the configured cwd', async () => {
    const dir = realpathSync(tmpdir());
    const { client: echo } = await connected(nodeServer('echoServer.mjs', [], { cwd: dir }));
    expect(textOf(await echo.callTool('cwd'))).toBe(dir);
  });

  it('tolerates banner lines on stdout and \\r\\n line endings, logging what it skipped', async () => {
    const { logger, lines } = captureLogger();
    const { client: banner } = await connected(nodeServer('bannerServer.mjs'), { logger });
    expect(textOf(await banner.callTool('echo', { text: 'through the noise' }))).toBe('through the noise');
    const skipped = lines.filter((l) =>
      l.args.some((a) => (a as { err?: { code?: string } })?.err?.code === 'INVALID_JSON'),
    );
    expect(skipped.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(skipped[0]?.args)).not.toContain('"level"');
  });

  it('waits for a server that starts slowly', async () => {
    const { client: slow } = await connected(nodeServer('slowStartServer.mjs', ['1500']));
    expect(textOf(await slow.callTool('echo', { text: 'late' }))).toBe('late');
  });
});

describe('MCPStdioClient when the server dies', () => {
  it('rejects every pending request at once with the exit code and stderr tail when the server crashes', async () => {
    const { client: crash, pid } = await connected(nodeServer('crashOnCallServer.mjs'));
    const closes: unknown[] = [];
    crash.on('close', (reason) => closes.push(reason));
    const boom = crash.callTool('boom');
    const ping = crash.request('ping');
    const error = await boom.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: 'SERVER_EXITED', exitCode: 3, signal: null, serverName: 'node' });
    expect((error as MCPConnectionError).stderrTail).toContain('boom was called');
    expect((error as Error).message).toContain('exited with code 3');
    await expect(ping).rejects.toMatchObject({ code: 'SERVER_EXITED' });
    expect(crash.state).toBe('closed');
    expect(closes).toHaveLength(1);
    expect(closes[0]).toBe(error);
    expect(isAlive(pid)).toBe(false);
    await expect(crash.callTool('boom')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('fails connect with the reason a server printed before exiting', async () => {
    const early = client(nodeServer('exitBeforeHandshakeServer.mjs'));
    const error = await early.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: 'SERVER_EXITED', exitCode: 2 });
    expect((error as Error).message).toContain('missing API_TOKEN');
    expect(early.state).toBe('closed');
  });

  it('drops half a line left by a server that exits, and reports the exit', async () => {
    const { client: half, pid } = await connected(nodeServer('halfLineServer.mjs'));
    await expect(half.callTool('half')).rejects.toMatchObject({ code: 'SERVER_EXITED', exitCode: 0 });
    expect(isAlive(pid)).toBe(false);
  });

  it('closes the connection on a message over maxMessageSize instead of buffering it', async () => {
    const { client: echo, pid } = await connected(nodeServer('echoServer.mjs'), {
      maxMessageSize: 1024 * 1024,
    });
    const closed = new Promise<unknown>((resolve) => echo.once('close', resolve));
    const error = await echo.callTool('big', { size: 2 * 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPTransportError);
    expect(error).toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect((error as Error).message).toContain('maxMessageSize');
    expect(await closed).toBe(error);
    expect(echo.state).toBe('closed');
    // The transport stops the process on its own (stdin EOF first); nothing is left once it has.
    await waitUntil(() => !isAlive(pid), 'server stopped after the oversize message');
  });
});

describe('MCPStdioClient stopping a process tree', () => {
  it('disconnect() after the connection closed by itself waits until the server is stopped', async () => {
    // An oversize message closes the connection at once; stopping a server that ignores EOF and SIGTERM takes longer.
    const { client: stubborn, pid } = await connected(
      nodeServer('stubbornServer.mjs', [], { stopGracePeriod: 300 }),
      { maxMessageSize: 1024 * 1024 },
    );
    const closed = new Promise<unknown>((resolve) => stubborn.once('close', resolve));
    await stubborn.callTool('big', { size: 2 * 1024 * 1024 }).catch(() => undefined);
    await closed;
    expect(stubborn.state).toBe('closed');
    await stubborn.disconnect();
    expect(isAlive(pid)).toBe(false);
  });

  it('rejects pending requests at the start of disconnect, then stops a server that ignores SIGTERM and EOF', async () => {
    const { client: stubborn, pid } = await connected(
      nodeServer('stubbornServer.mjs', [], { stopGracePeriod: 300 }),
    );
    const hanging = stubborn.callTool('hang').catch((e: unknown) => e);
    // Answered after 'hang' was read: the hanging request is really pending on the server.
    expect(textOf(await stubborn.callTool('pid'))).toBe(String(pid));
    let finished = false;
    const stopping = stubborn.disconnect().then(() => {
      finished = true;
    });
    const error = await hanging;
    expect(finished).toBe(false);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: 'CLIENT_CLOSED' });
    await stopping;
    expect(isAlive(pid)).toBe(false);
  });

  it('stops an npx-like wrapper together with its grandchild server', async () => {
    const { client: wrapped, pid } = await connected(
      nodeServer('wrapperServer.mjs', [fixture('echoServer.mjs')]),
    );
    const grandchild = Number(textOf(await wrapped.callTool('pid')));
    expect(grandchild).not.toBe(pid);
    expect(Number(textOf(await wrapped.callTool('ppid')))).toBe(pid);
    expect(pgidOf(grandchild)).toBe(pid);
    await wrapped.disconnect();
    expect(isAlive(pid)).toBe(false);
    await waitUntil(() => !isAlive(grandchild), 'grandchild gone');
  });

  it('kills a grandchild that ignores SIGTERM when its wrapper dies of it', async () => {
    const { client: wrapped, pid } = await connected(
      nodeServer('wrapperServer.mjs', [fixture('stubbornServer.mjs')], { stopGracePeriod: 10_000 }),
    );
    const grandchild = Number(textOf(await wrapped.callTool('pid')));
    expect(pgidOf(grandchild)).toBe(pid);
    await wrapped.disconnect();
    await waitUntil(() => !isAlive(grandchild), 'stubborn grandchild gone');
  });

  it('when the wrapper dies unexpectedly, the orphaned grandchild is killed and the close carries the signal', async () => {
    const { client: wrapped, pid } = await connected(
      nodeServer('wrapperServer.mjs', [fixture('echoServer.mjs')]),
    );
    const grandchild = Number(textOf(await wrapped.callTool('pid')));
    const closed = new Promise<unknown>((resolve) => wrapped.once('close', resolve));
    process.kill(pid, 'SIGKILL');
    const reason = await closed;
    expect(reason).toMatchObject({ code: 'SERVER_EXITED', signal: 'SIGKILL', exitCode: null });
    expect((reason as Error).message).toContain('killed by SIGKILL');
    await waitUntil(() => !isAlive(grandchild), 'orphaned grandchild gone');
  });
});

describe('MCPStdioClient stderr', () => {
  it('drains a stderr flood (no deadlock) and keeps only a bounded tail', async () => {
    // The server blocks on a full stderr pipe: without draining, connect would time out.
    const { client: flood } = await connected(nodeServer('stderrFloodServer.mjs', ['32']), {
      connectTimeout: 20_000,
    });
    for (let i = 0; i < 10; i++)
      expect(textOf(await flood.callTool('echo', { text: `n${i}` }))).toBe(`n${i}`);
    const tail = flood.stderrTail ?? '';
    expect(tail).toContain('flood');
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(DEFAULT_STDERR_TAIL_SIZE);
  });

  it('logs stderr lines at debug with the server name', async () => {
    const { logger, lines } = captureLogger();
    const { client: echo } = await connected(nodeServer('echoServer.mjs'), { logger, name: 'loud' });
    await echo.callTool('stderr', { text: 'a line on stderr' });
    await waitUntil(
      () => lines.some((l) => (l.args[0] as { stderr?: string })?.stderr === 'a line on stderr'),
      'stderr line logged',
    );
    const line = lines.find((l) => (l.args[0] as { stderr?: string })?.stderr === 'a line on stderr');
    expect(line).toMatchObject({ level: 'debug', bindings: { server: 'loud', transport: 'stdio' } });
  });
});

describe('MCPStdioClient connect failures', () => {
  it('rejects at once with SPAWN_FAILED when the command does not exist', async () => {
    const missing = client({ command: 'no-such-mcp-server-command-xyz', args: ['--token', 'abc'] });
    const error = await missing.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConnectionError);
    expect(error).toMatchObject({ code: 'SPAWN_FAILED', serverName: 'no-such-mcp-server-command-xyz' });
    expect((error as Error).message).toContain('"no-such-mcp-server-command-xyz" was not found');
    expect((error as Error).message).toContain('PATH');
    expect(missing.state).toBe('closed');
  });

  it('rejects with SPAWN_FAILED naming permissions when the command is not executable', async () => {
    const error = await client({ command: fixture('notExecutable.sh') })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPAWN_FAILED' });
    expect((error as Error).message).toMatch(/EACCES.*permission/);
  });

  it('rejects with SPAWN_FAILED naming the cwd when it does not exist', async () => {
    const error = await client(nodeServer('echoServer.mjs', [], { cwd: '/no/such/dir/for/mcp' }))
      .connect()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPAWN_FAILED' });
    expect((error as Error).message).toContain('"/no/such/dir/for/mcp"');
  });

  it('times out a server that never answers, with its stderr in the error, and leaves no process', async () => {
    const silent = client(nodeServer('silentServer.mjs'), { connectTimeout: 1_000 });
    const started = waitUntil(() => silent.pid !== undefined, 'silent server started').then(() =>
      groups.add(silent.pid),
    );
    const error = await silent.connect().catch((e: unknown) => e);
    const pid = await started;
    expect(error).toBeInstanceOf(MCPTimeoutError);
    expect((error as Error).message).toContain('waiting for a database');
    expect(silent.state).toBe('closed');
    expect(isAlive(pid)).toBe(false);
  });

  it('honours an AbortSignal during connect and leaves no process', async () => {
    const silent = client(nodeServer('silentServer.mjs'));
    const controller = new AbortController();
    const connecting = silent.connect({ signal: controller.signal }).catch((e: unknown) => e);
    await waitUntil(() => silent.pid !== undefined, 'silent server started');
    const pid = groups.add(silent.pid);
    controller.abort();
    const error = await connecting;
    expect(error).toMatchObject({ code: 'REQUEST_ABORTED' });
    expect(isAlive(pid)).toBe(false);
  });

  it('rejects a config without a command', () => {
    expect(() => new MCPStdioClient({ command: '' }, { name: 'empty' })).toThrow(MCPConfigError);
  });
});

describe('MCPStdioClient environment', () => {
  it('passes a minimal environment plus the configured env, and the whole one with inheritEnv', async () => {
    vi.stubEnv('HOST_ONLY_SECRET', 'do-not-leak');
    vi.stubEnv('LC_TESTING', 'kept');
    const { client: minimal } = await connected(nodeServer('echoServer.mjs', [], { env: { GIVEN: 'yes' } }));
    const env = JSON.parse(textOf(await minimal.callTool('env'))) as Record<string, string>;
    expect(env.GIVEN).toBe('yes');
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.LC_TESTING).toBe('kept');
    expect(env.HOST_ONLY_SECRET).toBeUndefined();

    const { client: full } = await connected(nodeServer('echoServer.mjs', [], { inheritEnv: true }));
    const fullEnv = JSON.parse(textOf(await full.callTool('env'))) as Record<string, string>;
    expect(fullEnv.HOST_ONLY_SECRET).toBe('do-not-leak');
  });

  it('never puts env values in logs or errors', async () => {
    const secret = 'sk-live-0123456789abcdef';
    const { logger, text } = captureLogger();
    const config = nodeServer('crashOnCallServer.mjs', [], { env: { API_KEY: secret } });
    const { client: crash } = await connected(config, { logger });
    const error = await crash.callTool('boom').catch((e: unknown) => e);
    const spawnError = await client({ command: 'no-such-command-xyz', env: { API_KEY: secret } }, { logger })
      .connect()
      .catch((e: unknown) => e);
    for (const e of [error, spawnError]) {
      expect(JSON.stringify({ message: (e as Error).message, ...(e as object) })).not.toContain(secret);
    }
    expect(text().length).toBeGreaterThan(100);
    expect(text()).not.toContain(secret);
  });
});
