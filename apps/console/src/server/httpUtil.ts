import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body the console takes (a tool's arguments), in bytes. */
export const MAX_BODY = 1024 * 1024;

/** Headers every answer carries: no caching, no sniffing, and the URL (with its token) never sent as a referrer. */
export const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpProblem(413, 'BODY_TOO_LARGE', `The body is over ${MAX_BODY} bytes.`);
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpProblem(400, 'BAD_JSON', 'The body is not a JSON object.');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '')
    throw new HttpProblem(400, 'BAD_FIELD', `"${field}" must be a non-empty string.`);
  return value;
}

export function objectField(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = body[field] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpProblem(400, 'BAD_FIELD', `"${field}" must be a JSON object.`);
  return value as Record<string, unknown>;
}
