import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MCPConfigError } from '@org/mcp-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MCPStdioClient } from '../src/index.js';

// Runs on a real Windows host only (.github/workflows/windows.yml); elsewhere the simulated host of
// src/process/windows/windowsSpawn.test.ts covers the same rules.
const HOSTILE = [
  'a & echo INJECTED',
  'b | more',
  '%PATH%',
  '100%',
  '^caret^',
  '"quoted"',
  '"&calc',
  'back\\slash\\',
  'semi;colon,comma',
  '(paren) [bracket]',
  '!bang!',
  '<lt> >gt',
  'spaces  in here',
  '',
];

let client: MCPStdioClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

/** A folder with `argv-shim.cmd`, a shim as npm writes them: it hands its arguments on to node with %*. */
function shimFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shim-'));
  const server = join(import.meta.dirname, 'fixtures', 'argvServer.mjs');
  writeFileSync(join(dir, 'argv-shim.cmd'), `@echo off\r\n"${process.execPath}" "${server}" %*\r\n`);
  return dir;
}

describe.runIf(process.platform === 'win32')('a .cmd shim on Windows', () => {
  it('is found through PATH and PATHEXT and gets hostile arguments exactly as written', async () => {
    const dir = shimFolder();
    client = new MCPStdioClient({
      command: 'argv-shim',
      args: HOSTILE,
      env: { PATH: `${dir};${process.env.PATH ?? process.env.Path ?? ''}` },
    });
    await client.connect();
    const result = await client.callTool('argv', {});
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(HOSTILE);
  });

  it('refuses an argument with a line break with UNSAFE_ARGUMENT before anything runs', async () => {
    const dir = shimFolder();
    client = new MCPStdioClient({
      command: 'argv-shim',
      args: ['ok', 'two\r\nlines'],
      env: { PATH: `${dir};${process.env.PATH ?? process.env.Path ?? ''}` },
    });
    const error = await client.connect().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(MCPConfigError);
    expect(error).toMatchObject({ code: 'UNSAFE_ARGUMENT' });
  });

  it('starts npx (npx.cmd) the way a config names it', async () => {
    client = new MCPStdioClient({
      command: 'npx',
      args: ['--no-install', 'mcp-server-everything', 'stdio'],
      cwd: join(import.meta.dirname, '..'),
      inheritEnv: true,
    });
    await client.connect();
    expect((await client.getTools()).length).toBeGreaterThan(0);
  });
});
