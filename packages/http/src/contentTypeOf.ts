import type { IncomingHttpHeaders } from 'node:http';

/** The media type of an answer, lowercased and without parameters; '' when there is none. */
export function contentTypeOf(headers: IncomingHttpHeaders): string {
  const value = headers['content-type'];
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '';
  const semicolon = raw.indexOf(';');
  return (semicolon === -1 ? raw : raw.slice(0, semicolon)).trim().toLowerCase();
}
