/** The JSON-RPC error object of a body, when the body is a JSON-RPC error response. */
export function jsonRpcErrorOf(text: string): { id: unknown; code: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, error } = value as { id?: unknown; error?: { code?: unknown } };
  return typeof error?.code === 'number' ? { id, code: error.code } : undefined;
}
