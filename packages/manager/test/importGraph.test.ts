import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// What `import('@org/mcp-manager')` must not load: each is loaded at the first use that needs it
// (a URL server, OAuth, DPoP or private_key_jwt, skills, telemetry on, a tool with an output schema).
const LAZY = [
  'jose',
  'oauth4webapi',
  'undici',
  'tough-cookie',
  'tldts',
  'eventsource-parser',
  'yaml',
  '@opentelemetry/api',
  '@cfworker/json-schema',
  '@org/mcp-auth',
  '@org/mcp-http',
  '@org/mcp-transport-http',
  '@org/mcp-transport-sse',
  '@org/mcp-skills',
];

// Entries on LAZY still loaded at import, each with why; printed on every run. The goal is an empty set.
const NOT_YET_LAZY = new Map<string, string>([
  [
    '@org/mcp-auth',
    'the manager re-exports its token stores and handlers and imports OAuthProvider at its top',
  ],
  ['oauth4webapi', 'imported at the top of @org/mcp-auth'],
  ['@org/mcp-http', 'imported at the top of @org/mcp-auth (headless handler, OAuth requests)'],
  ['undici', 'imported at the top of @org/mcp-auth'],
  [
    '@org/mcp-skills',
    'the manager re-exports SkillsClient, DEFAULT_SKILLS_OPTIONS, SKILLS_EXTENSION_ID (kept; yaml is lazy)',
  ],
]);

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const recorder = fileURLToPath(new URL('./fixtures/recordResolves.mjs', import.meta.url));

/** The name in the nearest package.json above a resolved file (node: builtins have none). */
function packageOf(url: string, names: Map<string, string | undefined>): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  let dir = dirname(fileURLToPath(url));
  const seen: string[] = [];
  while (dir !== dirname(dir)) {
    const known = names.get(dir);
    if (known !== undefined || names.has(dir)) return record(known);
    seen.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      // Nested package.json files without a name (e.g. `{"type":"module"}` in dist/esm) belong to the package above.
      if (name) return record(name);
    }
    dir = dirname(dir);
  }
  return record(undefined);

  function record(name: string | undefined): string | undefined {
    for (const d of seen) names.set(d, name);
    return name;
  }
}

/** Every package a fresh process loads to import the manager, by name. */
async function packagesLoadedByImport(): Promise<Set<string>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', recorder, '--input-type=module', '-e', "await import('@org/mcp-manager');"],
    { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 },
  );
  const names = new Map<string, string | undefined>();
  const loaded = new Set<string>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('RESOLVED ')) continue;
    const name = packageOf(line.slice('RESOLVED '.length), names);
    if (name) loaded.add(name);
  }
  return loaded;
}

describe('the import graph', () => {
  it('loads none of the lazy list when the manager is imported', async () => {
    const loaded = await packagesLoadedByImport();
    expect(loaded.has('@org/mcp-manager'), 'the recorder saw the import').toBe(true);
    if (NOT_YET_LAZY.size > 0)
      console.warn(
        `NOT_YET_LAZY (loaded at import, to be made lazy):\n${[...NOT_YET_LAZY].map(([n, why]) => `  ${n}: ${why}`).join('\n')}`,
      );
    const eager = LAZY.filter((name) => loaded.has(name) && !NOT_YET_LAZY.has(name));
    expect(eager, `loaded at import: ${[...loaded].sort().join(', ')}`).toEqual([]);
    // An entry made lazy leaves NOT_YET_LAZY, so the set only shrinks.
    const nowLazy = [...NOT_YET_LAZY.keys()].filter((name) => !loaded.has(name));
    expect(nowLazy, 'lazy now: remove from NOT_YET_LAZY').toEqual([]);
  });
});
