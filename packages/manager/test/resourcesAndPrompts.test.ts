import { captureLogger } from '@org/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  type ManagerEvents,
  type ManagerOptions,
  MCPConnectionManager,
  MCPError,
} from '../src/index.js';
import { everythingAndCatalog, featureServer } from './featureServers.js';

const managers: MCPConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function manager(options: ManagerOptions = {}) {
  const m = new MCPConnectionManager(options);
  managers.push(m);
  await m.initialize(everythingAndCatalog);
  expect(await m.connectAllEnabled()).toEqual({ everything: true, catalog: true });
  return m;
}

function textOf(block: unknown): string {
  return (block as { text?: string }).text ?? '';
}

describe('resources and prompts across servers', () => {
  it('lists every page of both servers under names unique across and within servers, and reads through the owner', async () => {
    const m = await manager();
    const resources = await m.listResources();
    const fixture = resources.filter((r) => r.serverName === 'catalog');
    // Three resources on two pages; two of them share the name "notes.txt" on the one server.
    expect(fixture.map((r) => r.uri)).toEqual([
      'fixture://docs/architecture.md',
      'fixture://docs/notes.txt',
      'fixture://docs/again.txt',
    ]);
    expect(fixture[0]?.qualifiedName).toBe('catalog__architecture_md');
    const names = resources.map((r) => r.qualifiedName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('everything__architecture_md');
    expect(names.every((name) => /^[a-zA-Z0-9_-]{1,64}$/.test(name))).toBe(true);

    const ours = await m.readResource('catalog__architecture_md');
    expect(textOf(ours.contents[0])).toMatch(/^read fixture:\/\/docs\/architecture\.md/);
    const theirs = await m.readResource('everything__architecture_md');
    expect(theirs.contents[0]?.uri).toBe('demo://resource/static/document/architecture.md');
    // Any URI of a named server: here one a template makes.
    const dynamic = await m.readResource({ server: 'everything', uri: 'demo://resource/dynamic/text/7' });
    expect(dynamic.contents[0]?.uri).toBe('demo://resource/dynamic/text/7');
  });

  it('lists templates and prompts of both servers, and gets a prompt from its own server', async () => {
    const m = await manager();
    const templates = (await m.listResourceTemplates()).map((t) => [t.qualifiedName, t.uriTemplate]);
    expect(templates).toContainEqual(['catalog__Dynamic_Text_Resource', 'fixture://dynamic/{id}']);
    expect(templates).toContainEqual([
      'everything__Dynamic_Text_Resource',
      'demo://resource/dynamic/text/{resourceId}',
    ]);
    expect(templates).toContainEqual(['catalog__user', 'fixture://user/{name}']);

    const prompts = await m.listPrompts();
    expect(prompts.filter((p) => p.serverName === 'catalog').map((p) => p.qualifiedName)).toEqual([
      'catalog__simple-prompt',
      'catalog__greet',
    ]);
    expect(prompts.map((p) => p.qualifiedName)).toContain('everything__simple-prompt');
    const ours = await m.getPrompt('catalog__greet', { who: 'Ada' });
    expect(textOf(ours.messages[0]?.content)).toBe('greet:{"who":"Ada"}');
    const theirs = await m.getPrompt('everything__simple-prompt');
    expect(textOf(theirs.messages[0]?.content)).not.toMatch(/^simple-prompt:/);
    expect(theirs.messages.length).toBeGreaterThan(0);
  });

  it("under 'prefix-on-collision' only shared names carry their server; under 'error' they are refused", async () => {
    const m = await manager({ toolNaming: 'prefix-on-collision' });
    const names = (await m.listPrompts()).map((p) => p.qualifiedName);
    expect(names).toContain('greet');
    expect(names).toContain('catalog__simple-prompt');
    expect(names).toContain('everything__simple-prompt');
    await m.shutdown();

    const strict = await manager({ toolNaming: 'error' });
    const error = await strict.listPrompts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MCPError);
    expect((error as MCPError).code).toBe(ErrorCode.PROMPT_NAME_COLLISION);
    const resources = await strict.listResources().catch((e: unknown) => e);
    expect((resources as MCPError).code).toBe(ErrorCode.RESOURCE_NAME_COLLISION);
  });

  it('a server whose listing fails is left out and logged; the others are listed', async () => {
    const { logger, lines } = captureLogger();
    const m = new MCPConnectionManager({ logger });
    managers.push(m);
    const broken = { command: process.execPath, args: [featureServer], env: { FAIL_LISTS: '1' } };
    await m.initialize({ mcpServers: { ...everythingAndCatalog.mcpServers, catalog: broken } });
    await m.connectAllEnabled();
    const servers = new Set((await m.listResources()).map((r) => r.serverName));
    expect([...servers]).toEqual(['everything']);
    expect((await m.listPrompts()).every((p) => p.serverName === 'everything')).toBe(true);
    const warned = lines.filter(
      (line) => line.level === 'warn' && (line.args[0] as { server?: string }).server === 'catalog',
    );
    expect(warned.map((line) => line.args[1])).toEqual([
      'listing failed; the server is left out of the listing',
      'listing failed; the server is left out of the listing',
    ]);
  });

  it('an unknown name is UNKNOWN_RESOURCE / UNKNOWN_PROMPT with the closest name', async () => {
    const m = await manager();
    const resource = await m.readResource('catalog__architecture_mdd').catch((e: unknown) => e);
    expect((resource as MCPError).code).toBe(ErrorCode.UNKNOWN_RESOURCE);
    expect((resource as MCPError).message).toContain('Did you mean "catalog__architecture_md"?');
    const prompt = await m.getPrompt('catalog__gret').catch((e: unknown) => e);
    expect((prompt as MCPError).code).toBe(ErrorCode.UNKNOWN_PROMPT);
    expect((prompt as MCPError).message).toContain('Did you mean "catalog__greet"?');
  });

  it('list_changed swaps the new lists in, then says so', async () => {
    const m = await manager();
    await m.listResources();
    await m.listPrompts();
    const resourcesChanged = waitFor(m, 'resourcesChanged', (e) => e.server === 'catalog');
    const promptsChanged = waitFor(m, 'promptsChanged', (e) => e.server === 'catalog');
    await m.callTool('catalog__change');
    await Promise.all([resourcesChanged, promptsChanged]);
    expect((await m.listResources()).map((r) => r.qualifiedName)).toContain('catalog__new-3_txt');
    expect((await m.listPrompts()).map((p) => p.qualifiedName)).toContain('catalog__added-2');
  });

  it('subscriptions report updates of the subscribed URI only, and survive a reconnect', async () => {
    const m = await manager();
    const updates: ManagerEvents['resourceUpdated'][] = [];
    m.on('resourceUpdated', (update) => updates.push(update));
    await m.subscribeResource('catalog__notes_txt');
    const updated = waitFor(m, 'resourceUpdated', () => true);
    await m.callTool('catalog__touch', { uri: 'fixture://docs/again.txt' });
    await m.callTool('catalog__touch', { uri: 'fixture://docs/notes.txt' });
    await updated;
    expect(updates).toEqual([{ server: 'catalog', uri: 'fixture://docs/notes.txt' }]);

    await m.disconnectServer('catalog');
    await m.connectServer('catalog');
    // The new process was asked again (the resubscription is sent before any call of ours).
    const listed = await m.callTool('catalog__subscriptions');
    expect(textOf(listed.content[0])).toBe('fixture://docs/notes.txt');

    await m.unsubscribeResource({ server: 'catalog', uri: 'fixture://docs/notes.txt' });
    expect(textOf((await m.callTool('catalog__subscriptions')).content[0])).toBe('');
  });
});

/** The next `event` whose payload passes `match`. */
function waitFor<E extends keyof ManagerEvents>(
  m: MCPConnectionManager,
  event: E,
  match: (payload: ManagerEvents[E]) => boolean,
): Promise<ManagerEvents[E]> {
  const on = m.on.bind(m) as (event: string, listener: (payload: ManagerEvents[E]) => void) => void;
  const off = m.off.bind(m) as typeof on;
  return new Promise((resolve) => {
    const listener = (payload: ManagerEvents[E]) => {
      if (!match(payload)) return;
      off(event, listener);
      resolve(payload);
    };
    on(event, listener);
  });
}
