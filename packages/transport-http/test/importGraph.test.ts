import { fileURLToPath } from 'node:url';
import { packagesLoadedByImport } from '@org/test-utils';
import { describe, expect, it } from 'vitest';

// What `import('@org/mcp-transport-http')` must not load: undici at the first request (the first dispatcher made),
// tough-cookie and its tldts at the first cookie a server sets.
const LAZY = ['undici', 'tough-cookie', 'tldts'];

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the import graph', () => {
  it('loads no HTTP client or cookie jar when the transport is imported', async () => {
    const loaded = await packagesLoadedByImport(packageDir, '@org/mcp-transport-http');
    expect(loaded.has('@org/mcp-transport-http'), 'the recorder saw the import').toBe(true);
    expect(loaded.has('@org/mcp-http'), 'the recorder saw its imports').toBe(true);
    const eager = LAZY.filter((name) => loaded.has(name));
    expect(eager, `loaded at import: ${[...loaded].sort().join(', ')}`).toEqual([]);
  });
});
