/** JSON-RPC 2.0 shapes and a cheap envelope check for the hot path (no schema validation). */
export type RequestId = string | number;

export interface JSONRPCRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: Record<string, unknown> | undefined;
}

export interface JSONRPCNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown> | undefined;
}

export interface JSONRPCResultResponse {
  jsonrpc: '2.0';
  id: RequestId;
  result: Record<string, unknown>;
}

export interface JSONRPCErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface JSONRPCErrorResponse {
  jsonrpc: '2.0';
  id: RequestId | null;
  error: JSONRPCErrorObject;
}

export type JSONRPCResponse = JSONRPCResultResponse | JSONRPCErrorResponse;
export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse;

export type MessageKind = 'request' | 'notification' | 'response' | 'invalid';

/** Classifies an inbound value by its envelope alone. */
export function classifyMessage(value: unknown): MessageKind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'invalid';
  const m = value as Record<string, unknown>;
  if (typeof m.method === 'string') {
    if (m.id === undefined) return 'notification';
    return typeof m.id === 'string' || typeof m.id === 'number' ? 'request' : 'invalid';
  }
  if ('result' in m || 'error' in m) {
    return typeof m.id === 'string' || typeof m.id === 'number' || m.id === null ? 'response' : 'invalid';
  }
  return 'invalid';
}

export function isErrorResponse(response: JSONRPCResponse): response is JSONRPCErrorResponse {
  return 'error' in response && typeof response.error === 'object' && response.error !== null;
}

/** What is wrong with a response's envelope (`"result": null`, `"error": 42`…), or undefined when it is whole. */
export function responseProblem(response: JSONRPCResponse): string | undefined {
  const raw = response as { result?: unknown; error?: unknown };
  if (raw.error !== undefined) {
    const error = raw.error as { code?: unknown } | null;
    return typeof error === 'object' && error !== null && typeof error.code === 'number'
      ? undefined
      : 'an error that is not a JSON-RPC error object';
  }
  const result = raw.result;
  if (typeof result === 'object' && result !== null && !Array.isArray(result)) return undefined;
  return `a result that is ${result === null ? 'null' : Array.isArray(result) ? 'an array' : typeof result}, not an object`;
}
