import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  everythingBin,
  filesystemBin,
  OFFICIAL_MODERN_TOOLS,
  type RunningHttpServer,
  startOfficialModern,
} from '@org/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  loadMcpConfig,
  ManagerErrorCode,
  type ManagerOptions,
  MCPConnectionManager,
  MCPError,
} from '../src/index.js';

const toolServer = fileURLToPath(new URL('./fixtures/toolServer.mjs', import.meta.url));
const node = process.execPath;
const managers: MCPConnectionManager[] = [];
let official: RunningHttpServer & { url: string };

beforeAll(async () => {
  official = await startOfficialModern();
});
afterAll(async () => {
  await official?.close();
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function connected(config: object, options: ManagerOptions = {}): Promise<MCPConnectionManager> {
  const manager = new MCPConnectionManager(options);
  managers.push(manager);
  await manager.initialize(await loadMcpConfig(config));
  const up = await manager.connectAllEnabled();
  expect(Object.values(up).every(Boolean)).toBe(true);
  return manager;
}

async function filteredError(call: Promise<unknown>): Promise<MCPError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MCPError);
  expect(error).toMatchObject({ code: ManagerErrorCode.TOOL_FILTERED });
  return error as MCPError;
}

describe('tool filters from the config, under every key form', () => {
  it('includeTools and excludeTools globs (server-everything), autoApprove and alwaysAllow as hints, disabledTools (stdio fixture)', async () => {
    const calls = join(mkdtempSync(join(tmpdir(), 'mgr-filter-')), 'calls');
    const manager = await connected({
      mcpServers: {
        everything: {
          command: node,
          args: [everythingBin(), 'stdio'],
          includeTools: ['get-*', 'echo'],
          excludeTools: ['get-env', 'get-tiny-*'],
          autoApprove: ['echo'],
        },
        fixture: {
          command: node,
          args: [toolServer],
          env: { TOOLS: 'echo,secret,other', CALLS_FILE: calls },
          disabledTools: ['secret'],
          alwaysAllow: ['oth*'],
        },
      },
    });
    const tools = await manager.listTools();
    expect(tools.map((t) => t.qualifiedName)).toEqual([
      'everything__echo',
      'everything__get-annotated-message',
      'everything__get-resource-links',
      'everything__get-resource-reference',
      'everything__get-structured-content',
      'everything__get-sum',
      'fixture__echo',
      'fixture__other',
    ]);
    const approved = Object.fromEntries(tools.map((t) => [t.qualifiedName, t.autoApprove]));
    expect(approved).toMatchObject({
      everything__echo: true,
      'everything__get-sum': false,
      fixture__other: true,
      fixture__echo: false,
    });

    const excluded = await filteredError(manager.callTool('everything__get-env'));
    expect(excluded.message).toContain('excludeTools pattern "get-env" of the server config');
    expect(excluded.serverName).toBe('everything');
    const notIncluded = await filteredError(manager.callTool('everything__gzip-file-as-resource'));
    expect(notIncluded.message).toContain(
      'includeTools of the server config ("get-*", "echo") does not match it',
    );
    const disabled = await filteredError(manager.callTool('fixture__secret'));
    expect(disabled.message).toContain('disabledTools pattern "secret"');

    await manager.callTool('fixture__echo', {});
    // The filtered call never reached the server; the allowed one did.
    expect(
      readFileSync(calls, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[0]),
    ).toEqual(['echo']);
    const sum = await manager.callTool('everything__get-sum', { a: 2, b: 3 });
    expect(JSON.stringify(sum.content)).toContain('5');
  });

  it('excludeTools makes server-filesystem read-only: a write is refused before it is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mgr-fs-'));
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    const manager = await connected({
      servers: {
        fs: {
          type: 'stdio',
          command: node,
          args: [filesystemBin(), dir],
          excludeTools: ['write_*', 'edit_*', 'move_*', 'create_*'],
          alwaysAllow: ['read_*', 'list_*'],
        },
      },
    });
    const names = (await manager.listTools()).map((t) => t.originalName);
    expect(names).toContain('read_text_file');
    for (const name of ['write_file', 'edit_file', 'move_file', 'create_directory'])
      expect(names).not.toContain(name);
    const error = await filteredError(
      manager.callTool('fs__write_file', { path: join(dir, 'new.txt'), content: 'x' }),
    );
    expect(error.message).toContain('excludeTools pattern "write_*"');
    expect(existsSync(join(dir, 'new.txt'))).toBe(false);
    const read = await manager.callTool('fs__read_text_file', { path: join(dir, 'notes.txt') });
    expect(JSON.stringify(read.content)).toContain('kept');
    expect((await manager.listTools()).find((t) => t.originalName === 'read_text_file')?.autoApprove).toBe(
      true,
    );
  });
});

describe('tool filters in the manager options', () => {
  it('toolFilter applies to every server, beside its config, on the official 2.x server over HTTP; list_changed is filtered too', async () => {
    const manager = await connected(
      {
        mcpServers: {
          official: { type: 'http', url: official.url, excludeTools: ['grown'] },
          fixture: { command: node, args: [toolServer], env: { TOOLS: 'echo,wait_for_cancel' } },
        },
      },
      {
        toolFilter: { excludeTools: ['wait_for_*', 'cancellations', 'bad_header'] },
        toolNaming: 'prefix-on-collision',
      },
    );
    const names = () => manager.listTools().then((tools) => tools.map((t) => t.qualifiedName));
    // The fixture's list less what the option filters out (grown, once it exists, goes by the config); echo collides.
    const filtered = ['wait_for_cancel', 'cancellations', 'bad_header'];
    const offered = [
      ...OFFICIAL_MODERN_TOOLS.filter((t) => !filtered.includes(t)).map((t) =>
        t === 'echo' ? 'official__echo' : t,
      ),
      'fixture__echo',
    ];
    expect(await names()).toEqual(offered);
    const byOption = await filteredError(manager.callTool('fixture__wait_for_cancel'));
    expect(byOption.message).toContain('excludeTools pattern "wait_for_*" of the manager option');
    // Unprefixed or prefixed, the name of a filtered tool says so.
    await filteredError(manager.callTool('cancellations'));
    await filteredError(manager.callTool('official__cancellations'));

    // Emitted once the manager has the official server's new list.
    const changed = new Promise((resolve) =>
      manager.on('toolsChanged', (e) => e.server === 'official' && resolve(e)),
    );
    await manager.callTool('grow', {});
    await changed;
    expect(await names()).toEqual(offered);
    const grown = await filteredError(manager.callTool('grown'));
    expect(grown.message).toContain('excludeTools pattern "grown" of the server config');
  });
});
