import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureLogger, waitUntil } from '@org/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigErrorCode,
  ManagerErrorCode,
  MCPConfigError,
  MCPConnectionError,
  type MCPConnectionManager,
  type ServerStateChange,
  type StdioServerConfig,
  type ToolCallHook,
} from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { featureServer } from './featureServers.js';
import { liveServers } from './serverProcesses.js';
import { userManagers } from './userManagers.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A user-scoped stdio server: one process per user, tagged with the user's id, answering `whoami` with the user's secret. */
function userServer(tag: string, extra: Partial<StdioServerConfig> = {}, env: Record<string, string> = {}) {
  return {
    command: process.execPath,
    args: [toolServer, `--server=${tag}-\${user:ID}`],
    env: { TOOLS: 'echo,whoami,hang', WHO: `me:$\{user:ID}:$\{user:KEY}`, ...env },
    scope: 'user',
    ...extra,
  } as StdioServerConfig;
}

const manager = userManagers();

/** Live processes whose tag starts with `prefix`. */
const processes = (prefix: string) =>
  [...liveServers()].filter(([name]) => name.startsWith(prefix)).flatMap(([, pids]) => pids);
/** Waits for an asynchronous condition (a status), polling; the deadline is a safety net. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting: ${what}`);
}
const connections = async (m: MCPConnectionManager) => (await m.getServerStatus()).us?.userConnections;
const text = (result: { content: unknown }) => (result.content as Array<{ text: string }>)[0]?.text;
const user = (id: string) => ({ variables: { ID: id, KEY: `secret-key-of-${id}` } });

describe('a user-scoped stdio server', () => {
  it('one process per user with that user’s env and args; views list the same tools; status counts user connections; events stay with their user', async () => {
    const log = captureLogger();
    const m = await manager(
      {
        us: userServer('u1'),
        shared: { command: process.execPath, args: [toolServer, '--server=u1shared'] },
      },
      { logger: log.logger },
    );
    expect(await m.connectAllEnabled()).toEqual({ us: 'lazy', shared: true });
    const alice = m.forUser('alice', user('alice'));
    const bob = m.forUser('bob', user('bob'));
    expect(processes('u1-')).toEqual([]);
    const aliceEvents: ServerStateChange[] = [];
    const bobEvents: ServerStateChange[] = [];
    alice.on('serverStateChanged', (e) => aliceEvents.push(e));
    bob.on('serverStateChanged', (e) => bobEvents.push(e));

    // No catalog entry yet: the first user's call starts that user's connection and fills it.
    expect(text(await alice.callTool('us__whoami'))).toBe('me:alice:secret-key-of-alice');
    expect((await bob.listTools()).map((t) => t.qualifiedName)).toEqual([
      'us__echo',
      'us__whoami',
      'us__hang',
      'shared__echo',
    ]);
    expect((await alice.listTools()).map((t) => t.qualifiedName)).toEqual(
      (await bob.listTools()).map((t) => t.qualifiedName),
    );
    expect(processes('u1-')).toHaveLength(1);
    expect(text(await bob.callTool('us__whoami'))).toBe('me:bob:secret-key-of-bob');
    expect(text(await alice.callTool('us__whoami'))).toBe('me:alice:secret-key-of-alice');
    expect([...liveServers().keys()].filter((n) => n.startsWith('u1-')).sort()).toEqual([
      'u1-alice',
      'u1-bob',
    ]);
    // A shared server is the one connection every view uses.
    const pidOf = (result: { content: unknown }) => text(result)?.split(':')[2];
    expect(pidOf(await alice.callTool('shared__echo'))).toBe(pidOf(await bob.callTool('shared__echo')));

    const status = await m.getServerStatus();
    expect(status.us).toMatchObject({ scope: 'user', userConnections: 2, state: 'lazy', connected: false });
    expect((await alice.getServerStatus()).us).toMatchObject({
      scope: 'user',
      state: 'connected',
      connected: true,
    });
    expect((await m.forUser('carol', user('carol')).getServerStatus()).us).toMatchObject({ state: 'lazy' });

    expect(aliceEvents.filter((e) => e.server === 'us').map((e) => [e.principal, e.state])).toEqual([
      ['alice', 'connecting'],
      ['alice', 'connected'],
    ]);
    expect(bobEvents.filter((e) => e.server === 'us').every((e) => e.principal === 'bob')).toBe(true);

    // Through the manager itself a user-scoped server has no user.
    await expect(m.callTool('us__whoami')).rejects.toMatchObject({
      code: ManagerErrorCode.USER_SCOPED_SERVER,
      serverName: 'us',
    });

    await m.shutdown();
    expect(processes('u1')).toEqual([]);
    await expect(alice.callTool('us__whoami')).rejects.toMatchObject({
      code: ManagerErrorCode.MANAGER_SHUT_DOWN,
    });
    // The values are secrets: in no status, event or log line.
    const seen = JSON.stringify([status, await alice.getServerStatus(), aliceEvents, bobEvents]) + log.text();
    expect(seen).not.toContain('secret-key-of');
  });

  it('a missing variable fails that user’s use of that server with an MCPConfigError naming it; nothing starts, no one else notices', async () => {
    const m = await manager({ us: userServer('u2') });
    const ok = m.forUser('ok', user('ok'));
    const partial = m.forUser('partial', { variables: { ID: 'partial' } });
    expect(text(await ok.callTool('us__whoami'))).toBe('me:ok:secret-key-of-ok');
    const error = await partial.callTool('us__whoami').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(error).toMatchObject({ code: ConfigErrorCode.CONFIG_VARIABLE_UNSET });
    expect((error as Error).message).toContain(`$\{user:KEY}`);
    expect((error as Error).message).toContain('env.WHO');
    expect((error as Error).message).not.toContain('partial:');
    expect(processes('u2-')).toHaveLength(1);
    expect((await m.getServerStatus()).us?.userConnections).toBe(1);
    expect(text(await ok.callTool('us__whoami'))).toBe('me:ok:secret-key-of-ok');
    expect(() => m.forUser('')).toThrow(MCPConfigError);
  });

  it('maxUserConnections bounds the processes: the least recently used idle one closes; with none idle the call fails at once, naming the server and the cap; a call in flight is never cut', async () => {
    const hold = join(dir, 'hold');
    const m = await manager({ us: userServer('u3', { maxUserConnections: 2 }, { HOLD_WHILE: hold }) });
    const view = (id: string) => m.forUser(id, user(id));
    let most = 0;
    const sample = setInterval(() => {
      most = Math.max(most, processes('u3-').length);
    }, 2);
    try {
      await view('a').callTool('us__echo');
      await view('b').callTool('us__echo');
      await view('a').callTool('us__echo'); // a is now the most recently used
      await view('c').callTool('us__echo'); // b, the least recently used idle one, goes
      expect([...liveServers().keys()].filter((n) => n.startsWith('u3-')).sort()).toEqual(['u3-a', 'u3-c']);

      writeFileSync(hold, '');
      const inFlight = [view('a').callTool('us__echo'), view('c').callTool('us__echo')];
      await until(async () => (await connections(m)) === 2, 'two connections');
      const refused = await view('d')
        .callTool('us__echo')
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MCPConnectionError);
      expect(refused).toMatchObject({ code: ManagerErrorCode.USER_CONNECTION_LIMIT, serverName: 'us' });
      expect((refused as Error).message).toContain('2 user connections');
      rmSync(hold);
      expect((await Promise.all(inFlight)).every((r) => !r.isError)).toBe(true);
      expect(text(await view('d').callTool('us__whoami'))).toBe('me:d:secret-key-of-d');
    } finally {
      clearInterval(sample);
      if (existsSync(hold)) rmSync(hold);
    }
    expect(most).toBeLessThanOrEqual(2);
    expect(processes('u3-')).toHaveLength(2);
  });

  it('a user connection closes after userIdleTimeout with nothing in flight, and opens again on that user’s next call', async () => {
    const clock = fakeSleep();
    const m = await manager({ us: userServer('u4') }, { userIdleTimeout: 1000, sleep: clock.sleep });
    const alice = m.forUser('alice', user('alice'));
    await alice.callTool('us__echo');
    expect(processes('u4-alice')).toHaveLength(1);
    await clock.advance(999);
    expect((await m.getServerStatus()).us?.userConnections).toBe(1);
    await clock.advance(1);
    await waitUntil(() => processes('u4-alice').length === 0, 'the idle process gone');
    await until(async () => (await connections(m)) === 0, 'no connection');
    expect(text(await alice.callTool('us__whoami'))).toBe('me:alice:secret-key-of-alice');
    expect(processes('u4-alice')).toHaveLength(1);
  });

  it('resources and prompts of a user-scoped server: read through each user’s own connection, listed from the catalog the first user filled', async () => {
    const m = await manager({
      f: {
        command: process.execPath,
        args: [featureServer, `--server=u5-$\{user:ID}`],
        scope: 'user',
      } as StdioServerConfig,
    });
    const alice = m.forUser('alice', user('alice'));
    const bob = m.forUser('bob', user('bob'));
    expect(await alice.listResources()).toEqual([]);
    const first = await alice.readResource({ server: 'f', uri: 'fixture://docs/notes.txt' });
    const pidOf = (text: string | undefined) => /\((\d+)\)/.exec(text ?? '')?.[1];
    const alicePid = pidOf((first.contents[0] as { text?: string }).text);
    await until(async () => (await bob.listResources()).length > 0, 'the catalog filled by alice');
    const [resource] = await bob.listResources();
    const read = await bob.readResource(resource?.qualifiedName as string);
    const bobPid = pidOf((read.contents[0] as { text?: string }).text);
    expect(bobPid).toBeDefined();
    expect(bobPid).not.toBe(alicePid);
    expect(Number(bobPid)).toBe(liveServers().get('u5-bob')?.[0]);
    const [prompt] = await bob.listPrompts();
    expect(await bob.getPrompt(prompt?.qualifiedName as string, {})).toHaveProperty('messages');
    expect((await m.getServerStatus()).f?.userConnections).toBe(2);
  });

  it('hooks see the principal of a view’s call, before and after, on a shared and on a user-scoped server; none on the manager’s own calls', async () => {
    const seen: string[] = [];
    const watch: ToolCallHook = {
      name: 'watch',
      before: (call) => {
        seen.push(`before ${call.name} ${call.principal ?? '-'}`);
      },
      after: (outcome) => {
        seen.push(`after ${outcome.name} ${outcome.principal ?? '-'}`);
      },
    };
    const m = await manager(
      {
        us: userServer('u6'),
        shared: { command: process.execPath, args: [toolServer, '--server=u6shared'] },
      },
      { hooks: [watch] },
    );
    await m.connectAllEnabled();
    await m.forUser('alice', user('alice')).callTool('us__echo');
    await m.forUser('bob', user('bob')).callTool('shared__echo');
    await m.callTool('shared__echo');
    expect(seen).toEqual([
      'before us__echo alice',
      'after us__echo alice',
      'before shared__echo bob',
      'after shared__echo bob',
      'before shared__echo -',
      'after shared__echo -',
    ]);
  });
});
