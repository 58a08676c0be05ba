import type { z } from 'zod';
import { CoreErrorCode } from './errorCodes.js';
import { MCPProtocolError } from './errors.js';
import type { RequestOptions } from './requestOptions.js';

/** The part of a client paginate needs. */
interface Requester {
  readonly name: string;
  request<T>(method: string, params?: object, options?: RequestOptions): Promise<T>;
}

/** A server that never stops handing out cursors must not loop forever. */
export const MAX_PAGES = 10_000;

/** Follows `nextCursor` through every page of a list method, validating each page. */
export async function paginate<S extends z.ZodType<{ nextCursor?: string | null | undefined }>, Item>(
  client: Requester,
  method: string,
  schema: S,
  pick: (page: z.infer<S>) => Item[],
  options?: RequestOptions,
  onFirstPage?: (page: z.infer<S>) => void,
): Promise<Item[]> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const raw = await client.request<unknown>(method, cursor === undefined ? {} : { cursor }, options);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MCPProtocolError(
        CoreErrorCode.INVALID_RESULT,
        `Server "${client.name}" answered ${method} with an invalid result (${issue?.path.join('.') || 'result'}: ${issue?.message}).`,
        { serverName: client.name },
      );
    }
    if (page === 0) onFirstPage?.(parsed.data);
    for (const item of pick(parsed.data)) items.push(item);
    const next = parsed.data.nextCursor;
    if (next === undefined || next === null || next === '') return items;
    if (seen.has(next)) {
      throw new MCPProtocolError(
        CoreErrorCode.PAGINATION_LOOP,
        `Server "${client.name}" repeated cursor in ${method}; stopped paging.`,
        {
          serverName: client.name,
        },
      );
    }
    seen.add(next);
    cursor = next;
  }
  throw new MCPProtocolError(
    CoreErrorCode.PAGINATION_LIMIT,
    `Server "${client.name}" returned over ${MAX_PAGES} pages for ${method}.`,
    {
      serverName: client.name,
    },
  );
}
