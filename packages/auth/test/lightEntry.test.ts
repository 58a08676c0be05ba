import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// What '@org/mcp-auth/light' must never pull in: the OAuth flow's libraries, loaded only by the main entry.
const FLOW = ['oauth4webapi', 'undici', 'jose', '@org/mcp-http'];

/** The bare specifiers src/light.ts loads at run time, following its relative imports (type-only ones load nothing). */
function packagesLoadedBy(entry: URL): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: URL) => {
    if (seen.has(file.href)) return;
    seen.add(file.href);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of source.matchAll(
      /^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gm,
    )) {
      if (specifier.startsWith('.')) visit(new URL(specifier.replace(/\.js$/, '.ts'), file));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe('the light entry', () => {
  it('loads none of the OAuth flow', () => {
    const loaded = packagesLoadedBy(new URL('../src/light.ts', import.meta.url));
    expect(loaded.has('@org/mcp-core'), 'the walk followed the imports').toBe(true);
    expect(FLOW.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('the same walk sees the OAuth flow behind the main entry (jose is loaded at its first key)', () => {
    const loaded = packagesLoadedBy(new URL('../src/index.ts', import.meta.url));
    expect(FLOW.filter((name) => loaded.has(name))).toEqual(['oauth4webapi', 'undici', '@org/mcp-http']);
  });
});
