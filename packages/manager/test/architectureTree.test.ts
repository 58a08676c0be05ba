import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const architecture = readFileSync(new URL('ARCHITECTURE.md', root), 'utf8');

/** The folder names of the first fenced block after `heading`, one line a folder (`name/  what it holds`). */
function foldersShown(heading: string): string[] {
  const start = architecture.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const block = architecture.slice(start).split('```')[1] ?? '';
  return block
    .split('\n')
    .map((line) => /^\s*([a-z][\w-]*)\/\s/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function foldersIn(src: string): string[] {
  return readdirSync(new URL(src, root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

// The tree a newcomer reads must be the tree on disk: a folder added or moved without its line fails here.
describe('ARCHITECTURE.md shows each package tree one line a folder', () => {
  it.each([
    ["## The manager's tree", 'packages/manager/src/'],
    ['### Inside core', 'packages/core/src/'],
    ["## The auth package's tree", 'packages/auth/src/'],
  ])('%s lists every folder of %s', (heading, src) => {
    expect(foldersShown(heading)).toEqual(foldersIn(src));
  });
});
