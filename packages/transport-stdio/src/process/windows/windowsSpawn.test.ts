import { MCPConfigError } from '@org/mcp-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdArgument } from './cmdArguments.js';
import type { WindowsHost } from './windowsHost.js';
import { windowsSpawn } from './windowsSpawn.js';

// A simulated Windows host: its files, PATH and PATHEXT (the tests run on Linux; the workflow in
// .github/workflows/windows.yml runs the transport's own tests on a real one).
const FILES = new Set([
  'C:\\Program Files\\nodejs\\node.exe',
  'C:\\Program Files\\nodejs\\npx.cmd',
  'C:\\Users\\me\\.local\\bin\\uvx.exe',
  'C:\\tools\\legacy.bat',
  'C:\\work\\node_modules\\.bin\\server.cmd',
  'C:\\work\\local.cmd',
]);

function host(env: Record<string, string> = {}): WindowsHost {
  return {
    platform: 'win32',
    cwd: 'C:\\work',
    env: {
      Path: 'C:\\Program Files\\nodejs;C:\\Users\\me\\.local\\bin;C:\\tools',
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
      ComSpec: 'C:\\Windows\\system32\\cmd.exe',
      ...env,
    },
    // Windows file names are case-insensitive.
    isFile: (path) => [...FILES].some((file) => file.toLowerCase() === path.toLowerCase()),
  };
}

/** How cmd.exe, then the C runtime, read back a command line made by windowsSpawn: the argv the program gets. */
function readBack(line: string, twice: boolean): string[] {
  const uncaret = (text: string) => text.replace(/\^(.)/g, '$1');
  let text = uncaret(line);
  if (twice) text = uncaret(text);
  const argv: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '\\') {
      let count = 0;
      while (text[index] === '\\') {
        count++;
        index++;
      }
      if (text[index] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else {
          quoted = !quoted;
        }
      } else {
        current += '\\'.repeat(count);
        index--;
      }
      started = true;
    } else if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (char === ' ' && !quoted) {
      if (started) argv.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) argv.push(current);
  return argv;
}

describe('windowsSpawn on a simulated Windows host', () => {
  it('leaves commands alone elsewhere', () => {
    expect(windowsSpawn('npx', ['-y', 'x'], { ...host(), platform: 'linux' }, 's')).toEqual({
      command: 'npx',
      args: ['-y', 'x'],
      windowsVerbatimArguments: false,
    });
  });

  it('finds node and uvx through PATH and PATHEXT and starts an .exe directly, Node quoting its arguments', () => {
    expect(windowsSpawn('node', ['server.js', 'a & b'], host(), 's')).toEqual({
      command: 'C:\\Program Files\\nodejs\\node.exe',
      args: ['server.js', 'a & b'],
      windowsVerbatimArguments: false,
    });
    expect(windowsSpawn('uvx', ['mcp-server-time'], host(), 's').command).toBe(
      'C:\\Users\\me\\.local\\bin\\uvx.exe',
    );
  });

  it('runs npx (npx.cmd) through cmd.exe /d /s /c, with the program and every argument escaped', () => {
    const plan = windowsSpawn(
      'npx',
      ['-y', '@modelcontextprotocol/server-filesystem', 'C:\\data dir\\'],
      host(),
      's',
    );
    expect(plan.command).toBe('C:\\Windows\\system32\\cmd.exe');
    expect(plan.windowsVerbatimArguments).toBe(true);
    expect(plan.args.slice(0, 3)).toEqual(['/d', '/s', '/c']);
    expect(plan.args[3]).toBe(
      '"C:\\Program^ Files\\nodejs\\npx.cmd ^^^"-y^^^" ^^^"@modelcontextprotocol/server-filesystem^^^" ^^^"C:\\data^^^ dir\\\\^^^""',
    );
  });

  it('takes PATHEXT and PATH in any letter case, a listed extension as written, a folder-relative command and a .bat', () => {
    expect(windowsSpawn('npx.CMD', [], host(), 's').args[3]).toContain('npx.CMD');
    expect(windowsSpawn('.\\local', [], host(), 's').args[3]).toContain('C:\\work\\local.cmd');
    expect(windowsSpawn('legacy', [], host({ pathext: '.BAT' }), 's').args[3]).toContain('legacy.bat');
    const upper = { ...host(), env: { PATH: 'C:\\Program Files\\nodejs', pathext: '.CMD' } };
    expect(windowsSpawn('npx', [], upper, 's')).toMatchObject({
      command: 'cmd.exe',
      windowsVerbatimArguments: true,
    });
    expect(windowsSpawn('missing', ['x'], host(), 's')).toEqual({
      command: 'missing',
      args: ['x'],
      windowsVerbatimArguments: false,
    });
  });

  it('escapes twice, since a shim (npx.cmd, node_modules\\.bin) hands its arguments to cmd again with %*', () => {
    const plan = windowsSpawn('node_modules\\.bin\\server', ['100%', 'a&b'], host(), 's');
    expect(plan.args[3]).toContain('^^^"100^^^%^^^"');
    expect(readBack((plan.args[3] as string).slice(1, -1), true).slice(1)).toEqual(['100%', 'a&b']);
  });

  it('refuses an argument with a line break or NUL for a .cmd with UNSAFE_ARGUMENT, naming its index, not its text', () => {
    for (const hostile of ['line\r\ncalc.exe', 'a\nb', 'nul\0x']) {
      const error = (() => {
        try {
          windowsSpawn('npx', ['-y', hostile], host(), 'files');
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(MCPConfigError);
      expect(error).toMatchObject({ code: 'UNSAFE_ARGUMENT', serverName: 'files' });
      expect((error as MCPConfigError).issues[0]?.path).toBe('mcpServers.files.args.1');
      expect(JSON.stringify(error)).not.toContain('calc');
    }
    // An .exe gets them as they are: Node passes them in the command line without a shell.
    expect(windowsSpawn('node', ['a\nb'], host(), 's').args).toEqual(['a\nb']);
  });

  it('hostile arguments (& | % ^ quotes, backslashes) reach the program as written and never leave a metacharacter bare', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    const alphabet = fc.constantFrom(...'&|%^"\\<>()!;, *?`[]azAZ09=-_/.'.split(''));
    try {
      fc.assert(
        fc.property(
          fc.array(fc.string({ unit: alphabet, maxLength: 12 }), { maxLength: 5 }),
          fc.boolean(),
          (args, twice) => {
            const line = ['C:\\prog.cmd', ...args.map((arg) => cmdArgument(arg, twice))].join(' ');
            // Every cmd metacharacter is preceded by a caret (cmd sees no quoted span: the quotes are escaped too).
            const bare = line.replace(/\^[\s\S]/g, '').match(/[()[\]%!^"`<>&|;,*?]/);
            expect(bare).toBeNull();
            expect(readBack(line, twice).slice(1)).toEqual(args);
          },
        ),
        { seed, numRuns: 500 },
      );
    } catch (error) {
      throw new Error(`seed ${seed} (FC_SEED=${seed} repeats it): ${(error as Error).message}`);
    }
  });
});
