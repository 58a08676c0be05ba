import { readFileSync } from 'node:fs';
import { publicApi } from '@org/build-config/public-api';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Every name in the re-exported column of the README's "The one install" table (`RequestHandler(s)`: both). */
function namesInTable(): Set<string> {
  const section = readme.slice(readme.indexOf('## The one install'), readme.indexOf('## API'));
  const names = new Set<string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `@org/'))) {
    const listed = row.split('|')[2] ?? '';
    for (const [, name = ''] of listed.matchAll(/`([A-Za-z_][\w]*(?:\(s\))?)`/g)) {
      if (name.endsWith('(s)')) names.add(name.slice(0, -3)).add(`${name.slice(0, -3)}s`);
      else names.add(name);
    }
  }
  return names;
}

describe('the README re-export table', () => {
  it('lists exactly what the built package re-exports from the rest of the stack', () => {
    const [built] = publicApi(new URL('../dist/index.d.ts', import.meta.url));
    const [stack] = publicApi(new URL('../src/stack.ts', import.meta.url));
    const exported = new Set([...(built?.values ?? []), ...(built?.types ?? [])]);
    const reexported = [...(stack?.values ?? []), ...(stack?.types ?? [])].sort();
    const listed = [...namesInTable()].sort();
    expect(listed.filter((name) => !exported.has(name))).toEqual([]);
    expect(listed).toEqual(reexported);
  });
});
