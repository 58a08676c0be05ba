import type { Readable } from 'node:stream';

/** How many bytes of an HTTP error body are read before the rest is discarded. */
export const ERROR_BODY_LIMIT = 64 * 1024;
/** Longest snippet of an HTTP error body put in an error message. */
export const MAX_SNIPPET_LENGTH = 200;

/** Reads at most `limit` bytes of a body as text and discards the rest. Never throws. */
export async function readBodyText(body: Readable, limit = ERROR_BODY_LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } catch {
    // A body that fails mid-way still gives what was read.
  }
  // Destroying an unfinished body emits an abort error; nobody needs it.
  body.on('error', () => {});
  body.destroy();
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A short, single-line excerpt of an error body for an error message, with every configured
 * secret (header values, also each long word of them) replaced by `[redacted]`, since a
 * server may echo a credential back.
 */
export function bodySnippet(text: string, secrets: readonly string[]): string {
  let snippet = text;
  for (const secret of secrets) snippet = snippet.split(secret).join('[redacted]');
  snippet = snippet.replace(/\s+/g, ' ').trim();
  return snippet.length > MAX_SNIPPET_LENGTH ? `${snippet.slice(0, MAX_SNIPPET_LENGTH - 1)}…` : snippet;
}

/** The strings to scrub from anything a server sends back: each header value and its longer words. */
export function secretsOf(...headerSets: Record<string, string>[]): string[] {
  const secrets = new Set<string>();
  for (const headers of headerSets) {
    for (const value of Object.values(headers)) {
      if (value.length >= 4) secrets.add(value);
      for (const word of value.split(/\s+/)) if (word.length >= 8) secrets.add(word);
    }
  }
  // Longest first, so a whole value is replaced before one of its words.
  return [...secrets].sort((a, b) => b.length - a.length);
}
