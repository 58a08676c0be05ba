import type { Prompt, Resource, ResourceTemplate, Tool } from '@org/mcp-core';

/** The format of a catalog entry; an entry of another version is not read. */
export const CATALOG_VERSION = 1;

/** What a server offered when it last ran: enough to list it, and route calls to it, without starting it. */
export interface CatalogEntry {
  /** CATALOG_VERSION when written. */
  version: number;
  /** When the lists were read (ISO 8601); past the manager's catalogMaxAge the entry is refreshed at the next start. */
  savedAt: string;
  /** The protocol version negotiated with it then. */
  protocolVersion: string | undefined;
  tools: Tool[];
  resources: Resource[];
  resourceTemplates: ResourceTemplate[];
  prompts: Prompt[];
}

/**
 * Where catalog entries are kept, by key (a server's fingerprint, catalogKey.ts): small enough for a shared
 * store to implement. A store never throws for a missing or unreadable entry: it answers undefined.
 */
export interface CatalogStore {
  get(key: string): Promise<CatalogEntry | undefined>;
  set(key: string, entry: CatalogEntry): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Whether `value` is an entry this version reads (a store's file may hold anything). */
export function isCatalogEntry(value: unknown): value is CatalogEntry {
  const entry = value as Partial<CatalogEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.version === CATALOG_VERSION &&
    typeof entry.savedAt === 'string' &&
    [entry.tools, entry.resources, entry.resourceTemplates, entry.prompts].every(Array.isArray)
  );
}
