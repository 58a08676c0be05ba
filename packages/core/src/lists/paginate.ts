import type { z } from 'zod';
import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPProtocolError } from '../errors/errors.js';
import type { RequestOptions } from '../protocol/requestOptions.js';

/** The part of a client paginate needs. */
interface Requester {
  readonly name: string;
  request<T>(method: string, params?: object, options?: RequestOptions): Promise<T>;
}

/** A server that never stops handing out cursors must not loop forever. */
export const MAX_PAGES = 10_000;

/** Bounds on what one list (every page of tools/list, resources/list, prompts/list) may hold. */
export interface ListLimits {
  /** Items across every page. Default 50 000. */
  maxItems?: number;
  /** Bytes of JSON across every page. Default 32 MiB. */
  maxBytes?: number;
}

export const DEFAULT_LIST_LIMITS = { maxItems: 50_000, maxBytes: 32 * 1024 * 1024 } as const;

/** Follows `nextCursor` through every page of a list method, validating each page. */
export async function paginate<S extends z.ZodType<{ nextCursor?: string | null | undefined }>, Item>(
  client: Requester,
  method: string,
  schema: S,
  pick: (page: z.infer<S>) => Item[],
  options?: RequestOptions,
  onPage?: (page: z.infer<S>) => void,
  limits: ListLimits = {},
): Promise<Item[]> {
  const maxItems = limits.maxItems ?? DEFAULT_LIST_LIMITS.maxItems;
  const maxBytes = limits.maxBytes ?? DEFAULT_LIST_LIMITS.maxBytes;
  let bytes = 0;
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
    onPage?.(parsed.data);
    const pageItems = pick(parsed.data);
    // Checked before the page is kept: a server handing out pages without end must not fill the heap.
    bytes += Buffer.byteLength(JSON.stringify(pageItems));
    if (items.length + pageItems.length > maxItems || bytes > maxBytes) {
      const bound = bytes > maxBytes ? `${maxBytes} bytes` : `${maxItems} items`;
      throw new MCPProtocolError(
        CoreErrorCode.PAGINATION_LIMIT,
        `Server "${client.name}" listed more than ${bound} in ${method} (page ${page + 1}); stopped paging. Raise listLimits if the server really has that many.`,
        { serverName: client.name, method },
      );
    }
    for (const item of pageItems) items.push(item);
    const next = parsed.data.nextCursor;
    if (next === undefined || next === null || next === '') return items;
    if (seen.has(next)) {
      throw new MCPProtocolError(
        CoreErrorCode.PAGINATION_LOOP,
        `Server "${client.name}" repeated cursor in ${method}; stopped paging.`,
        { serverName: client.name, method },
      );
    }
    seen.add(next);
    cursor = next;
  }
  throw new MCPProtocolError(
    CoreErrorCode.PAGINATION_LIMIT,
    `Server "${client.name}" returned over ${MAX_PAGES} pages for ${method}.`,
    { serverName: client.name, method },
  );
}
