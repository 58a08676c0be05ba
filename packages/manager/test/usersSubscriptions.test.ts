import { waitUntil } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import {
  ManagerErrorCode,
  type ManagerEvents,
  type MCPConnectionManager,
  type MCPUserView,
  type StdioServerConfig,
} from '../src/index.js';
import { fakeSleep } from './fakeSleep.js';
import { featureServer } from './featureServers.js';
import { liveServers } from './serverProcesses.js';
import { userManagers } from './userManagers.js';

const NOTES = 'fixture://docs/notes.txt';
type Update = ManagerEvents['resourceUpdated'];

const manager = userManagers();

/** The feature fixture, one process per user (tagged `tag-<user>`). */
const userFeatures = (tag: string, extra: Partial<StdioServerConfig> = {}) =>
  ({
    command: process.execPath,
    args: [featureServer, `--server=${tag}-$\{user:ID}`],
    scope: 'user',
    ...extra,
  }) as StdioServerConfig;
const view = (m: MCPConnectionManager, id: string) => m.forUser(id, { variables: { ID: id } });
/** Every resourceUpdated `source` reports from now on. */
function updatesOf(source: Pick<MCPUserView, 'on'> | MCPConnectionManager): Update[] {
  const seen: Update[] = [];
  (source as MCPUserView).on('resourceUpdated', (update) => seen.push(update));
  return seen;
}
const subscriptionsOf = async (v: MCPUserView, server: string) =>
  ((await v.callTool(`${server}__subscriptions`)).content[0] as { text: string }).text;
const connections = async (m: MCPConnectionManager, server: string) =>
  (await m.getServerStatus())[server]?.userConnections;

describe('resource subscriptions through a user’s view', () => {
  it('on a user-scoped server: that user’s own connection subscribes, only that user’s views hear of it, and it is sent again when that connection restarts', async () => {
    const m = await manager({ f: userFeatures('s1') });
    const alice = view(m, 'alice');
    const aliceAgain = view(m, 'alice');
    const bob = view(m, 'bob');
    const [toAlice, toAliceAgain, toBob, toManager] = [alice, aliceAgain, bob, m].map(updatesOf) as [
      Update[],
      Update[],
      Update[],
      Update[],
    ];

    await alice.subscribeResource({ server: 'f', uri: NOTES });
    expect(await subscriptionsOf(alice, 'f')).toBe(NOTES);
    expect(await subscriptionsOf(bob, 'f')).toBe('');
    // The fixture sends the update before it answers: once the call is answered, the update was handled.
    await bob.callTool('f__touch', { uri: NOTES });
    await alice.callTool('f__touch', { uri: NOTES });
    await waitUntil(() => toAliceAgain.length === 1, 'the update at alice’s second view');
    expect(toAlice).toEqual([{ server: 'f', uri: NOTES, principal: 'alice' }]);
    expect([toBob, toManager]).toEqual([[], []]);

    const [pid] = liveServers().get('s1-alice') ?? [];
    process.kill(pid as number, 'SIGKILL');
    await waitUntil(
      () => (liveServers().get('s1-alice') ?? [pid])[0] !== pid,
      'alice’s process started again',
    );
    // The resubscription goes out as the new connection comes up, before any call of ours.
    expect(await subscriptionsOf(alice, 'f')).toBe(NOTES);

    await alice.unsubscribeResource({ server: 'f', uri: NOTES });
    expect(await subscriptionsOf(alice, 'f')).toBe('');
  });

  it('a subscription holds that user’s connection open: no idle close, no eviction, until it is unsubscribed', async () => {
    const clock = fakeSleep();
    const m = await manager(
      { f: userFeatures('s2', { maxUserConnections: 1 }) },
      { userIdleTimeout: 1000, sleep: clock.sleep },
    );
    const alice = view(m, 'alice');
    const bob = view(m, 'bob');
    await alice.subscribeResource({ server: 'f', uri: NOTES });
    await clock.advance(5000);
    expect(liveServers().get('s2-alice')).toHaveLength(1);
    await expect(bob.callTool('f__subscriptions')).rejects.toMatchObject({
      code: ManagerErrorCode.USER_CONNECTION_LIMIT,
    });

    await alice.unsubscribeResource({ server: 'f', uri: NOTES });
    await clock.advance(1000);
    await waitUntil(() => !liveServers().has('s2-alice'), 'alice’s idle process gone');
    await expect.poll(() => connections(m, 'f')).toBe(0);
    expect(await subscriptionsOf(bob, 'f')).toBe('');
  });

  it('on a shared server: one subscription on its one connection while any user wants it; each update to the users who asked', async () => {
    const m = await manager({ shared: { command: process.execPath, args: [featureServer] } });
    await m.connectAllEnabled();
    const [alice, bob, carol] = [view(m, 'alice'), view(m, 'bob'), view(m, 'carol')];
    const [toAlice, toBob, toCarol, toManager] = [alice, bob, carol, m].map(updatesOf) as [
      Update[],
      Update[],
      Update[],
      Update[],
    ];

    await alice.subscribeResource('shared__notes_txt');
    await bob.subscribeResource({ server: 'shared', uri: NOTES });
    await carol.callTool('shared__touch', { uri: NOTES });
    await waitUntil(() => toAlice.length + toBob.length === 2, 'both subscribers told');
    expect(toAlice).toEqual([{ server: 'shared', uri: NOTES, principal: 'alice' }]);
    expect(toBob).toEqual([{ server: 'shared', uri: NOTES, principal: 'bob' }]);
    expect([toCarol, toManager]).toEqual([[], []]);

    await alice.unsubscribeResource('shared__notes_txt');
    expect(await subscriptionsOf(carol, 'shared')).toBe(NOTES);
    await bob.unsubscribeResource('shared__notes_txt');
    expect(await subscriptionsOf(carol, 'shared')).toBe('');
  });
});
