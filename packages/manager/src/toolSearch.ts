import type { Tool } from '@org/mcp-core';
import MiniSearch from 'minisearch';

/** One tool as the search index holds it; `id` points back at the server's tool list. */
interface ToolDocument {
  id: number;
  server: string;
  position: number;
  name: string;
  title: string;
  description: string;
  params: string;
}

/** A search hit: where the tool is in its server's list, and its score. */
export interface ToolSearchHit {
  server: string;
  position: number;
  score: number;
}

/** Characters of a description indexed at most: a server's description is bounded before it is kept. */
const MAX_INDEXED_TEXT = 4_096;
/** Words too common in tool descriptions to tell tools apart. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it its of on or that the this to with'.split(' '),
);

/**
 * A BM25 ranking (MiniSearch's BM25+) of tools by name, title, description and parameter names, kept one
 * server at a time: setting a server's tools removes its old documents and adds its new ones, touching no
 * other server's. Names weigh most; words are split at `_`, `-`, `.` and camelCase, lower-cased, and a
 * plural `s` dropped, so `readFile`, `read_file` and "reads files" meet.
 */
export class ToolSearch {
  private readonly engine = new MiniSearch<ToolDocument>({
    fields: ['name', 'title', 'description', 'params', 'server'],
    tokenize: splitWords,
    processTerm: normaliseWord,
    autoVacuum: false,
    searchOptions: {
      boost: { name: 3, title: 2, params: 1.5, description: 1, server: 1 },
      // A longer word also finds the words it starts ("issue" finds "issues_list" as well as "issue").
      prefix: (term) => term.length >= 4,
      combineWith: 'OR',
    },
  });
  private readonly byServer = new Map<string, { source: readonly Tool[]; documents: ToolDocument[] }>();
  /** Every indexed document by id: a hit's way back to its server and position. */
  private readonly documents = new Map<number, ToolDocument>();
  private nextId = 0;
  /** Documents the last `set` removed and added: what a test checks to see that an update stays local. */
  lastUpdate = { server: '', removed: 0, added: 0 };

  /** Indexes a server's tools in place of its previous ones; the same list again is a no-op. */
  set(server: string, tools: readonly Tool[]): void {
    const entry = this.byServer.get(server);
    if (entry?.source === tools) return;
    const removed = entry?.documents ?? [];
    if (removed.length > 0) this.engine.removeAll(removed);
    for (const document of removed) this.documents.delete(document.id);
    const documents = tools.map((tool, position) => this.documentOf(server, position, tool));
    this.engine.addAll(documents);
    if (documents.length === 0) this.byServer.delete(server);
    else this.byServer.set(server, { source: tools, documents });
    this.lastUpdate = { server, removed: removed.length, added: documents.length };
  }

  delete(server: string): void {
    this.set(server, []);
  }

  /** The `limit` best hits for `query`, best first; none for a query with no searchable word. */
  search(query: string, limit: number): ToolSearchHit[] {
    const results = this.engine.search(String(query));
    const hits: ToolSearchHit[] = [];
    for (const result of results.slice(0, limit)) {
      const document = this.documents.get(result.id as number);
      if (document) hits.push({ server: document.server, position: document.position, score: result.score });
    }
    return hits;
  }

  private documentOf(server: string, position: number, tool: Tool): ToolDocument {
    const properties = (tool.inputSchema as { properties?: unknown } | undefined)?.properties;
    const params = properties && typeof properties === 'object' ? Object.keys(properties).join(' ') : '';
    const annotations = tool.annotations as { title?: unknown } | undefined;
    const title =
      typeof tool.title === 'string'
        ? tool.title
        : typeof annotations?.title === 'string'
          ? annotations.title
          : '';
    const document: ToolDocument = {
      id: this.nextId++,
      server,
      position,
      name: tool.name,
      title: bounded(title),
      description: bounded(typeof tool.description === 'string' ? tool.description : ''),
      params: bounded(params),
    };
    this.documents.set(document.id, document);
    return document;
  }
}

function bounded(text: string): string {
  return text.length > MAX_INDEXED_TEXT ? text.slice(0, MAX_INDEXED_TEXT) : text;
}

/** Words of a name or a text: split at anything not a letter or digit, and between a lower and an upper letter. */
function splitWords(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^\p{L}\p{N}]+/u);
}

function normaliseWord(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length === 0 || STOP_WORDS.has(lower)) return null;
  // A plural and its singular are one word ("files", "file"); "ss" endings ("access") stay.
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}
