import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProtected } from './oauthServers.js';

let servers: Awaited<ReturnType<typeof startProtected>>;
let dir: string;
beforeEach(async () => {
  servers = await startProtected();
  dir = await mkdtemp(join(tmpdir(), 'mcp-manager-oauth-'));
});
afterEach(async () => {
  await servers.close();
  await rm(dir, { recursive: true, force: true });
});

/** A manager in its own process, and the lines it prints, awaited one by one. */
function managerProcess(store: string, offset: number) {
  const child = spawn(
    process.execPath,
    [
      new URL('./fixtures/oauthManagerWorker.mjs', import.meta.url).pathname,
      store,
      servers.mcp.url,
      String(offset),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, next: async () => (await lines.next()).value as string };
}

const whoami = JSON.stringify([{ type: 'text', text: 'user-1' }]);

describe('two managers in two processes sharing a FileTokenStore', () => {
  it('authorize once, then refresh once between them: neither clobbers the other', async () => {
    const store = join(dir, 'tokens.json');
    const first = managerProcess(store, 0);
    expect(await first.next()).toBe('ready');
    first.child.stdin.write('go\n');
    expect(await first.next()).toBe(whoami);
    expect(await first.exited).toBe(0);
    expect(servers.as.tokenRequests('authorization_code')).toHaveLength(1);

    // Two hours on for both: the stored access token has expired; both need a refresh at the same moment.
    const a = managerProcess(store, 2 * 3600_000);
    const b = managerProcess(store, 2 * 3600_000);
    expect([await a.next(), await b.next()]).toEqual(['ready', 'ready']);
    a.child.stdin.write('go\n');
    b.child.stdin.write('go\n');
    expect([await a.next(), await b.next()]).toEqual([whoami, whoami]);
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
    // One refresh (the rotating refresh token redeemed once), no new authorization.
    expect(servers.as.tokenRequests('refresh_token')).toHaveLength(1);
    expect(servers.as.tokenRequests('authorization_code')).toHaveLength(1);
    const file = JSON.parse(await readFile(store, 'utf8')) as { tokens: Record<string, unknown> };
    expect(Object.keys(file.tokens)).toHaveLength(1);
  });
});
