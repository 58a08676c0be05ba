import { META } from '@org/mcp-core/internal';

/** Methods whose `Mcp-Name` header mirrors `params.name`, `params.uri`, or (the tasks extension) `params.taskId`. */
const NAMED_METHODS: Record<string, 'name' | 'uri' | 'taskId'> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};

const SENTINEL = /^=\?base64\?.*\?=$/;
/** Visible ASCII, space and tab, with no space or tab at either end. */
const PLAIN = /^[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?$/;

/**
 * The request headers of the modern era (2026-07-28), mirrored from the body so gateways can
 * route without parsing it: `MCP-Protocol-Version` from `_meta`, `Mcp-Method`, and `Mcp-Name` for
 * named calls. Undefined for a request without the modern era's `_meta` envelope.
 */
export function modernRequestHeaders(
  method: string,
  params: Record<string, unknown> | undefined,
): Record<string, string> | undefined {
  const version = (params?._meta as Record<string, unknown> | undefined)?.[META.protocolVersion];
  if (typeof version !== 'string') return undefined;
  const headers: Record<string, string> = { 'mcp-protocol-version': version, 'mcp-method': method };
  const field = NAMED_METHODS[method];
  const name = field ? params?.[field] : undefined;
  if (typeof name === 'string') headers['mcp-name'] = encodeHeaderValue(name);
  return headers;
}

/** A value as a header: as is when it is plain ASCII, else the spec's `=?base64?…?=` form. */
export function encodeHeaderValue(value: string): string {
  if (PLAIN.test(value) && !SENTINEL.test(value)) return value;
  return `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
