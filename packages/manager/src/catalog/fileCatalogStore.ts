import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Logger, silentLogger } from '@org/mcp-core';
import { type CatalogEntry, type CatalogStore, isCatalogEntry } from './catalogStore.js';

/** What marks the file as a catalog of this package; a file without it is someone else's and is left alone. */
const FORMAT = 'org-mcp-catalog';

export const FILE_CATALOG_DEFAULTS = {
  /** The file's size bound: past it the oldest entries go. */
  maxBytes: 8 * 1024 * 1024,
} as const;

export interface FileCatalogStoreOptions {
  path: string;
  /** Default FILE_CATALOG_DEFAULTS.maxBytes (8 MiB). */
  maxBytes?: number;
  /** Hears of a corrupt or foreign file, an entry too large, a write that failed. Default: silent. */
  logger?: Logger;
}

type Entries = Record<string, CatalogEntry>;

/**
 * A catalog in one JSON file, read when first asked and written whole on each change (to a temporary file, then
 * renamed over it, so a reader never sees half a file). A corrupt file is ignored and replaced, a foreign one
 * ignored and kept; neither is ever an error: the catalog is a cache.
 */
export class FileCatalogStore implements CatalogStore {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly logger: Logger;
  private entries: Promise<Entries> | undefined;
  /** A foreign file is at `path`: nothing is written over it. */
  private foreign = false;
  private writes: Promise<void> = Promise.resolve();

  constructor(options: FileCatalogStoreOptions) {
    this.path = options.path;
    this.maxBytes = options.maxBytes ?? FILE_CATALOG_DEFAULTS.maxBytes;
    this.logger = options.logger ?? silentLogger;
  }

  async get(key: string): Promise<CatalogEntry | undefined> {
    this.entries ??= this.read();
    const entry = Object.hasOwn(await this.entries, key) ? (await this.entries)[key] : undefined;
    return entry && structuredClone(entry);
  }

  set(key: string, entry: CatalogEntry): Promise<void> {
    return this.change((entries) => {
      entries[key] = structuredClone(entry);
    });
  }

  delete(key: string): Promise<void> {
    return this.change((entries) => {
      delete entries[key];
    });
  }

  /** Changes are written one at a time, each over what the file holds now (another process may have written). */
  private change(edit: (entries: Entries) => void): Promise<void> {
    const done = this.writes.then(async () => {
      const entries = await this.read();
      edit(entries);
      this.entries = Promise.resolve(entries);
      if (!this.foreign) await this.write(entries);
    });
    this.writes = done.catch((error: unknown) => {
      this.logger.warn({ path: this.path, err: error }, 'could not write the catalog; it stays in memory');
    });
    return this.writes;
  }

  private async read(): Promise<Entries> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return {};
    }
    try {
      const file = JSON.parse(text) as { format?: unknown; entries?: unknown };
      if (file?.format !== FORMAT || typeof file.entries !== 'object' || file.entries === null) {
        this.foreign = true;
        this.logger.warn({ path: this.path }, 'the catalog path holds another file; it is ignored and kept');
        return {};
      }
      const entries: Entries = {};
      for (const [key, entry] of Object.entries(file.entries))
        if (isCatalogEntry(entry)) entries[key] = entry;
      return entries;
    } catch {
      this.logger.warn(
        { path: this.path },
        'the catalog file is corrupt; it is ignored and will be replaced',
      );
      return {};
    }
  }

  /** Drops the oldest entries until the file fits in maxBytes, then writes it atomically. */
  private async write(entries: Entries): Promise<void> {
    const byAge = Object.keys(entries).sort((a, b) =>
      (entries[a]?.savedAt ?? '') < (entries[b]?.savedAt ?? '') ? -1 : 1,
    );
    let text = JSON.stringify({ format: FORMAT, entries });
    while (Buffer.byteLength(text) > this.maxBytes && byAge.length > 0) {
      delete entries[byAge.shift() as string];
      text = JSON.stringify({ format: FORMAT, entries });
    }
    if (byAge.length === 0 && Buffer.byteLength(text) > this.maxBytes)
      this.logger.warn({ path: this.path, maxBytes: this.maxBytes }, 'catalog entry larger than the bound');
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
