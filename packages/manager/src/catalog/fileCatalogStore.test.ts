import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogger } from '@org/test-utils';
import { describe, expect, it } from 'vitest';
import { CATALOG_VERSION, type CatalogEntry } from './catalogStore.js';
import { FileCatalogStore } from './fileCatalogStore.js';

const entry = (savedAt: string, tools = 1): CatalogEntry => ({
  version: CATALOG_VERSION,
  savedAt,
  protocolVersion: '2025-11-25',
  tools: Array.from({ length: tools }, (_, i) => ({ name: `t${i}`, inputSchema: { type: 'object' } })),
  resources: [],
  resourceTemplates: [],
  prompts: [],
});
const fresh = () => join(mkdtempSync(join(tmpdir(), 'catalog-')), 'nested', 'catalog.json');

describe('FileCatalogStore', () => {
  it('keeps entries across instances, written atomically (no temporary file left)', async () => {
    const path = fresh();
    await new FileCatalogStore({ path }).set('k', entry('2026-01-01T00:00:00.000Z'));
    expect(await new FileCatalogStore({ path }).get('k')).toEqual(entry('2026-01-01T00:00:00.000Z'));
    expect(readdirSync(join(path, '..'))).toEqual(['catalog.json']);
    await new FileCatalogStore({ path }).delete('k');
    expect(await new FileCatalogStore({ path }).get('k')).toBeUndefined();
  });

  it('ignores a corrupt file with a warning and replaces it at the next write', async () => {
    const path = fresh();
    await new FileCatalogStore({ path }).set('k', entry('2026-01-01T00:00:00.000Z'));
    writeFileSync(path, '{"format":"org-mcp-cat');
    const { logger, lines } = captureLogger();
    const store = new FileCatalogStore({ path, logger });
    expect(await store.get('k')).toBeUndefined();
    expect(lines.some((line) => line.level === 'warn')).toBe(true);
    await store.set('j', entry('2026-01-02T00:00:00.000Z'));
    expect(await new FileCatalogStore({ path }).get('j')).toBeDefined();
  });

  it('leaves a foreign file alone, and skips entries of another version', async () => {
    const path = fresh();
    await new FileCatalogStore({ path }).set('k', entry('2026-01-01T00:00:00.000Z'));
    const text = readFileSync(path, 'utf8').replace(`"version":${CATALOG_VERSION}`, '"version":99');
    writeFileSync(path, text);
    expect(await new FileCatalogStore({ path }).get('k')).toBeUndefined();
    writeFileSync(path, '{"someone":"else"}');
    const { logger, lines } = captureLogger();
    const store = new FileCatalogStore({ path, logger });
    await store.set('k', entry('2026-01-01T00:00:00.000Z'));
    expect(readFileSync(path, 'utf8')).toBe('{"someone":"else"}');
    expect(await store.get('k')).toBeDefined();
    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('drops the oldest entries past maxBytes', async () => {
    const path = fresh();
    const store = new FileCatalogStore({ path, maxBytes: 2_000 });
    await store.set('old', entry('2026-01-01T00:00:00.000Z', 20));
    await store.set('mid', entry('2026-01-02T00:00:00.000Z', 20));
    await store.set('new', entry('2026-01-03T00:00:00.000Z', 20));
    const again = new FileCatalogStore({ path });
    expect(await again.get('old')).toBeUndefined();
    expect(await again.get('new')).toBeDefined();
    expect(readFileSync(path).length).toBeLessThanOrEqual(2_000);
  });

  it('a path it cannot write is a warning, never an error', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'catalog-')), 'file');
    writeFileSync(file, '');
    const { logger, lines } = captureLogger();
    const store = new FileCatalogStore({ path: join(file, 'catalog.json'), logger });
    await expect(store.set('k', entry('2026-01-01T00:00:00.000Z'))).resolves.toBeUndefined();
    expect(lines.some((line) => line.level === 'warn')).toBe(true);
  });
});
