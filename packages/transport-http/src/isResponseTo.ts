import type { RequestId } from '@org/mcp-core';

/** Whether a message (or a batch) holds the response to request `id`. */
export function isResponseTo(message: unknown, id: RequestId): boolean {
  if (Array.isArray(message)) return message.some((m) => isResponseTo(m, id));
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { id?: unknown; method?: unknown };
  return m.id === id && m.method === undefined;
}
