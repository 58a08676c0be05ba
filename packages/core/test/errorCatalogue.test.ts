import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ErrorCode, type ErrorCodeEntry } from '../src/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The catalogue's `retry` as the README's table says it. */
const retries = (retry: ErrorCodeEntry['retry']) =>
  typeof retry === 'boolean' ? (retry ? 'yes' : 'no') : `yes, except ${retry.exceptStatus.join(', ')}`;

/** Every non-test source file of every package. */
function sources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    try {
      walk(join(root, 'packages', pkg, 'src'));
    } catch {
      // A package without src (build-config).
    }
  }
  return files;
}

describe('the error catalogue', () => {
  it('has one entry per code, and the root README lists each with its class, meaning and retry', () => {
    expect(Object.keys(ERROR_CATALOGUE).sort()).toEqual(Object.values(ErrorCode).sort());
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \| `(\w+)` \| (.+) \| (.+) \|$/gm)].map((m) =>
      m.slice(1),
    );
    const expected = Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [
      code,
      entry.class,
      entry.meaning,
      retries(entry.retry),
    ]);
    expect(rows).toEqual(expected);
  });

  it('every error is raised with the class its code has in the catalogue', () => {
    const raised = /new (MCP\w*Error)\(\s*\w+ErrorCode\.([A-Z_]+)/g;
    const mismatches: string[] = [];
    let count = 0;
    for (const file of sources()) {
      for (const [, cls, code] of readFileSync(file, 'utf8').matchAll(raised)) {
        count++;
        const entry = ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE];
        if (entry?.class !== cls) mismatches.push(`${file.slice(root.length)}: ${cls} with ${code}`);
      }
    }
    expect(count).toBeGreaterThan(40);
    expect(mismatches).toEqual([]);
  });

  it('no source compares or raises a code as a bare string', () => {
    const literal = new RegExp(`'(${Object.values(ErrorCode).join('|')})'`);
    const offenders = sources()
      .filter((file) => !/errorCodes\.ts$/.test(file))
      .filter((file) => literal.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(root.length));
    expect(offenders).toEqual([]);
  });
});
