import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packagesOf, urlsLoadedBy } from '@org/test-utils';
import { describe, expect, it } from 'vitest';

// What `import('@org/mcp-manager')` must not load: each is loaded at the first use that needs it
// (a URL server, OAuth, DPoP or private_key_jwt, skills, telemetry on, a tool with an output schema, createLogger,
// a tool filter with patterns).
const LAZY = [
  'jose',
  'oauth4webapi',
  'undici',
  'tough-cookie',
  'tldts',
  'eventsource-parser',
  'yaml',
  '@opentelemetry/api',
  'pino',
  '@cfworker/json-schema',
  '@org/mcp-auth',
  '@org/mcp-http',
  '@org/mcp-transport-http',
  '@org/mcp-transport-sse',
  '@org/mcp-skills',
  'picomatch',
];

// Packages on LAZY that the manager loads through a light entry only: their main entry must not load.
const MAIN_ENTRY_LAZY = new Map<string, string>([
  [
    '@org/mcp-auth',
    "its './light' entry (token stores, handlers) is re-exported; the OAuth flow is loaded at the first OAuth server",
  ],
]);

// Entries on LAZY still loaded at import, each with why; printed on every run. The goal is an empty set.
const NOT_YET_LAZY = new Map<string, string>([
  [
    '@org/mcp-skills',
    'the manager re-exports SkillsClient, DEFAULT_SKILLS_OPTIONS, SKILLS_EXTENSION_ID (an ES module cannot re-export lazily; yaml is lazy)',
  ],
]);

// Under `require` (of ES modules, Node 20) the loader hooks see no ES module: only the CommonJS packages show.
const COMMONJS_LAZY = ['undici', 'tough-cookie', 'tldts', 'yaml', 'pino', 'picomatch'];

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Every package a fresh process loads to import (or require) the manager, by name; a package loaded through a light entry only is left out. */
async function packagesLoadedBy(how: 'import' | 'require'): Promise<Set<string>> {
  const urls = await urlsLoadedBy(packageDir, '@org/mcp-manager', how);
  const loaded = packagesOf(urls);
  const resolve = createRequire(join(packageDir, 'package.json')).resolve;
  for (const name of MAIN_ENTRY_LAZY.keys())
    if (!urls.has(pathToFileURL(resolve(name)).href)) loaded.delete(name);
  return loaded;
}

describe('the import graph', () => {
  it('loads none of the lazy list when the manager is imported', async () => {
    const loaded = await packagesLoadedBy('import');
    expect(loaded.has('@org/mcp-manager'), 'the recorder saw the import').toBe(true);
    if (NOT_YET_LAZY.size > 0)
      console.warn(
        `NOT_YET_LAZY (loaded at import, to be made lazy):\n${[...NOT_YET_LAZY].map(([n, why]) => `  ${n}: ${why}`).join('\n')}`,
      );
    console.info(
      `loaded through a light entry only:\n${[...MAIN_ENTRY_LAZY].map(([n, why]) => `  ${n}: ${why}`).join('\n')}`,
    );
    const eager = LAZY.filter((name) => loaded.has(name) && !NOT_YET_LAZY.has(name));
    expect(eager, `loaded at import: ${[...loaded].sort().join(', ')}`).toEqual([]);
    // An entry made lazy leaves NOT_YET_LAZY, so the set only shrinks.
    const nowLazy = [...NOT_YET_LAZY.keys()].filter((name) => !loaded.has(name));
    expect(nowLazy, 'lazy now: remove from NOT_YET_LAZY').toEqual([]);
  });

  it('loads none of the CommonJS packages on the lazy list when the manager is required', async () => {
    const loaded = await packagesLoadedBy('require');
    expect(loaded.has('@org/mcp-manager'), 'the recorder saw the require').toBe(true);
    const eager = COMMONJS_LAZY.filter((name) => loaded.has(name));
    expect(eager, `loaded at require: ${[...loaded].sort().join(', ')}`).toEqual([]);
  });
});
