import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isAlive } from '@org/mcp-demo-servers';
import { headlessAuthorizationHandler } from '@org/mcp-manager';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
// The demo's data folder (ports, the authorization server's data, the token store), this file's own.
const dataDir = mkdtempSync(join(tmpdir(), 'mcp-demo-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { ...process.env, MCP_DEMO_DATA_DIR: dataDir, CI: 'true' };

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm demo, end to end', () => {
  it('`pnpm demo -- --json` prints only JSON: every bundled server connected (one behind OAuth), a tool called on each, no process left', () => {
    // The real command, from the repository root: pnpm and turbo print nothing on stdout.
    // It builds first (cached after `pnpm build`; a cold build on a busy machine takes minutes).
    const result = spawnSync('pnpm', ['demo', '--', '--json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 290_000,
      env,
      shell: process.platform === 'win32',
    });
    expect(result.status).toBe(0);
    const stdout = result.stdout;
    const report = JSON.parse(stdout);
    expect(report.connected).toEqual({
      everything: true,
      'everything-http': true,
      'everything-sse': true,
      stateless: true,
      filesystem: true,
      protected: true,
      broken: false,
    });
    expect(report.status.protected).toMatchObject({
      state: 'connected',
      transport: 'http',
      auth: { state: 'authorized', scopes: ['mcp:read', 'offline_access'] },
    });
    expect(report.status.protected.auth.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.oauth.steps).toEqual([
      'MCP server: 401 to a request without a token (WWW-Authenticate names its metadata)',
      'discovery: protected resource metadata (RFC 9728) from the MCP server',
      'discovery: authorization server metadata (/.well-known/oauth-authorization-server)',
      'registration: dynamic client registration (RFC 7591)',
      'authorization: PKCE S256 + resource; consent by the server’s own policy (no input)',
      'token: authorization_code grant',
    ]);
    expect(report.oauth.tokenReused).toBe(false);
    expect(report.status['disabled-example']).toMatchObject({ enabled: false, state: 'disabled' });
    expect(report.status.broken).toMatchObject({ state: 'failed', lastError: { code: 'SPAWN_FAILED' } });
    expect(report.status.broken.lastError.message).toContain('mcp-server-that-does-not-exist');
    expect(report.status.everything).toMatchObject({
      transport: 'stdio',
      protocolVersion: '2025-11-25',
      era: 'handshake',
    });
    expect(report.status.stateless).toMatchObject({
      transport: 'stdio',
      protocolVersion: '2026-07-28',
      era: 'modern',
    });
    expect(report.status['everything-http'].transport).toBe('http');
    expect(report.status['everything-sse'].transport).toBe('sse');
    for (const server of ['everything', 'everything-http', 'everything-sse', 'stateless', 'filesystem']) {
      expect(report.status[server].toolCount).toBeGreaterThan(0);
      expect(report.tools.some((t: string) => t.startsWith(`${server}__`))).toBe(true);
    }
    expect(report.calls).toHaveLength(6);
    expect(report.calls.find((c: { server: string }) => c.server === 'protected').result).toBe('user-1');
    for (const call of report.calls) expect(call.ok).toBe(true);
    expect(report.calls.find((c: { server: string }) => c.server === 'filesystem').result).toContain(
      'hello.txt',
    );
    expect(report.health).toMatchObject({
      everything: true,
      'everything-http': true,
      'everything-sse': true,
      stateless: true,
      filesystem: true,
    });
    expect(report.processesLeft).toEqual([]);
    expect(report.ok).toBe(true);
    expect(stdout).not.toContain('not-a-real-secret');
    const store = JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8'));
    for (const tokens of Object.values(store.tokens) as { accessToken: string; refreshToken: string }[]) {
      expect(stdout).not.toContain(tokens.accessToken);
      expect(stdout).not.toContain(tokens.refreshToken);
    }

    // A second run: the stored token serves; no token request reaches the authorization server.
    const again = run('--json');
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.oauth.tokenReused).toBe(true);
    expect(
      second.oauth.steps.some((s: string) => s.startsWith('token:') || s.startsWith('registration:')),
    ).toBe(false);
    expect(second.processesLeft).toEqual([]);
  }, 300_000);

  it("--authorize <server> runs the loopback flow: the URL printed, the browser's part done here", async () => {
    const child = spawn(process.execPath, [cli, '--authorize', 'protected'], {
      env: { ...env, MCP_DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'mcp-demo-authorize-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const out: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      out.push(line);
      const url = /^Open this URL to authorize: (\S+)$/.exec(line)?.[1];
      if (!url) continue;
      // What a browser would do: follow the authorization server's redirects to the loopback callback.
      const redirectUri = new URL(url).searchParams.get('redirect_uri') as string;
      expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const callback = await headlessAuthorizationHandler({ redirectUri }).authorize({
        url: new URL(url),
        redirectUri,
        signal: AbortSignal.timeout(30_000),
      });
      expect((await fetch(callback)).status).toBe(200);
    }
    expect(await exited).toBe(0);
    expect(out.join('\n')).toContain('"protected" is authorized and connected');
  });

  it('fails with a one-line reason on a config whose server cannot start', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'demo-')), 'claude_desktop_config.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { nope: { command: '/nonexistent/server' } } }));
    const { code, stderr } = run('--config', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\nFAILED: servers that should work did not connect: nope/);
  });

  it('--watch shows each server and its pid, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [cli, '--watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Watching')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited (${code}) before watching:\n${stdout}`)));
    });
    const table = stdout.slice(stdout.lastIndexOf('server  '), stdout.indexOf('Watching'));
    const pidOf = (server: string) =>
      Number(new RegExp(`^${server}\\s+connected\\s+(\\d+)$`, 'm').exec(table)?.[1]);
    for (const server of ['everything', 'stateless', 'filesystem']) expect(isAlive(pidOf(server))).toBe(true);
    expect(table).toMatch(/^everything-http\s+connected\s+\(http\)$/m);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);

  it('an entry with an unset variable fails alone: the others connect, and the reason names its field', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { everythingBin } = await import('@org/mcp-demo-servers');
    const file = join(mkdtempSync(join(tmpdir(), 'demo-')), 'mcp.json');
    const everything = { command: process.execPath, args: [everythingBin(), 'stdio'] };
    const needsKey = { ...everything, env: { API_KEY: `\${DEMO_TEST_UNSET_KEY}` } };
    writeFileSync(file, JSON.stringify({ mcpServers: { everything, needsKey } }));
    const { code, stdout } = run('--config', file, '--json');
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.connected).toEqual({ everything: true, needsKey: false });
    expect(report.status.needsKey).toMatchObject({
      state: 'failed',
      lastError: { code: 'CONFIG_VARIABLE_UNSET' },
    });
    expect(report.reason).toContain('mcpServers.needsKey.env.API_KEY');
  });

  it('explains itself with --help and refuses unknown flags', () => {
    expect(run('--help').stdout).toContain('--watch');
    const bad = run('--nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown argument "--nope"');
  });
});
