import type { Tool } from '@org/mcp-core';
import { Bm25Index } from './bm25Index.js';

/** A search hit: where the tool is in its server's list, and its score. */
export interface ToolSearchHit {
  server: string;
  position: number;
  score: number;
}

/** How much a word counts in each field: a word of the name says most about what the tool does. */
const FIELD_WEIGHTS = { name: 3, title: 2, params: 1.5, description: 1, server: 1 } as const;
/** Characters of a text indexed at most: what a server sends is bounded before it is kept. */
const MAX_INDEXED_TEXT = 4_096;
/** Words too common in tool descriptions to tell tools apart. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it its of on or that the this to with'.split(' '),
);

/**
 * Tools ranked by BM25 over name, title, description and parameter names (Bm25Index), kept one server at a
 * time: setting a server's tools removes its old documents and adds its new ones, touching no other server's.
 * Words are split at `_`, `-`, `.` and camelCase, lower-cased, and a plural `s` dropped, so `readFile`,
 * `read_file` and "reads files" meet.
 */
export class ToolSearch {
  private readonly index = new Bm25Index();
  private readonly byServer = new Map<string, { source: readonly Tool[]; docIds: number[] }>();
  /** Document id → the server and position of the tool in it. */
  private readonly owners = new Map<number, { server: string; position: number }>();
  /** Documents the last `set` removed and added: what a test checks to see that an update stays local. */
  lastUpdate = { server: '', removed: 0, added: 0 };

  /** Indexes a server's tools in place of its previous ones; the same list again is a no-op. */
  set(server: string, tools: readonly Tool[]): void {
    const entry = this.byServer.get(server);
    if (entry?.source === tools) return;
    const removed = entry?.docIds ?? [];
    for (const docId of removed) {
      this.index.remove(docId);
      this.owners.delete(docId);
    }
    const docIds = tools.map((tool, position) => {
      const docId = this.index.add(termsOf(server, tool));
      this.owners.set(docId, { server, position });
      return docId;
    });
    if (docIds.length === 0) this.byServer.delete(server);
    else this.byServer.set(server, { source: tools, docIds });
    this.lastUpdate = { server, removed: removed.length, added: docIds.length };
  }

  delete(server: string): void {
    this.set(server, []);
  }

  /** The `limit` best hits for `query`, best first; none for a query with no searchable word. */
  search(query: string, limit: number): ToolSearchHit[] {
    const hits: ToolSearchHit[] = [];
    for (const { docId, score } of this.index.search(wordsOf(String(query)), limit)) {
      const owner = this.owners.get(docId);
      if (owner) hits.push({ ...owner, score });
    }
    return hits;
  }
}

function termsOf(server: string, tool: Tool): Map<string, number> {
  const properties = (tool.inputSchema as { properties?: unknown } | undefined)?.properties;
  const annotations = tool.annotations as { title?: unknown } | undefined;
  const fields: Record<keyof typeof FIELD_WEIGHTS, unknown> = {
    name: tool.name,
    title: tool.title ?? annotations?.title,
    params: properties && typeof properties === 'object' ? Object.keys(properties).join(' ') : '',
    description: tool.description,
    server,
  };
  const terms = new Map<string, number>();
  for (const [field, weight] of Object.entries(FIELD_WEIGHTS)) {
    const text = fields[field as keyof typeof FIELD_WEIGHTS];
    if (typeof text !== 'string') continue;
    for (const word of wordsOf(text.slice(0, MAX_INDEXED_TEXT)))
      terms.set(word, (terms.get(word) ?? 0) + weight);
  }
  return terms;
}

/** Words of a name or a text: split at anything not a letter or digit, and between a lower and an upper letter. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2').split(/[^\p{L}\p{N}]+/u)) {
    const word = raw.toLowerCase();
    if (word.length === 0 || STOP_WORDS.has(word)) continue;
    // A plural and its singular are one word ("files", "file"); "ss" endings ("access") stay.
    words.push(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return words;
}
