import type { Logger } from '@org/mcp-core';
import { encodeHeaderValue } from './modernHeaders.js';

/** One `x-mcp-header` declaration: the header's name part and the argument path it mirrors. */
interface ParamHeader {
  name: string;
  path: string[];
}

type Scan = { ok: true; headers: ParamHeader[] } | { ok: false; reason: string };

/** RFC 9110 `token`: the characters a header name may have. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'boolean']);
/** Keywords whose values are data, not schemas: an `x-mcp-header` key inside them is not a declaration. */
const DATA_KEYWORDS = new Set(['const', 'default', 'enum', 'examples']);

/**
 * The `Mcp-Param-*` headers of the modern era (2026-07-28, "Custom Headers from Tool
 * Parameters"): a tool's `inputSchema` may mark parameters with `x-mcp-header`, and a Streamable
 * HTTP client must mirror their values into headers and leave out of `tools/list` every tool whose
 * declarations break the rules. Learned from the `tools/list` answers this transport carries.
 */
export class ToolParamHeaders {
  private readonly byTool = new Map<string, ParamHeader[]>();

  constructor(private readonly logger: Logger) {}

  /** Records each listed tool's declarations and removes the tools whose declarations are invalid. */
  screen(message: unknown): unknown {
    const result = (message as { result?: { tools?: unknown } } | undefined)?.result;
    if (!result || !Array.isArray(result.tools)) return message;
    const tools = result.tools.filter((tool: { name?: unknown; inputSchema?: unknown }) => {
      if (typeof tool?.name !== 'string') return true;
      const scan = scanDeclarations(tool.inputSchema);
      if (scan.ok) {
        if (scan.headers.length > 0) this.byTool.set(tool.name, scan.headers);
        else this.byTool.delete(tool.name);
        return true;
      }
      this.byTool.delete(tool.name);
      this.logger.warn(
        { tool: tool.name, reason: scan.reason },
        `tool "${tool.name}" left out: its x-mcp-header declaration is invalid (${scan.reason})`,
      );
      return false;
    });
    if (tools.length === result.tools.length) return message;
    return { ...(message as object), result: { ...result, tools } };
  }

  /** The `Mcp-Param-*` headers of a `tools/call`, from the arguments at each declared path. */
  headersFor(params: Record<string, unknown> | undefined): Record<string, string> | undefined {
    const declared = typeof params?.name === 'string' ? this.byTool.get(params.name) : undefined;
    if (!declared) return undefined;
    const headers: Record<string, string> = {};
    for (const { name, path } of declared) {
      const value = valueAt(params?.arguments, path);
      // null or absent: the header is omitted; an object or array is never mirrored.
      if (typeof value === 'string') headers[`mcp-param-${name}`] = encodeHeaderValue(value);
      else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
        headers[`mcp-param-${name}`] = String(value);
    }
    return headers;
  }
}

/** Every `x-mcp-header` in a schema, checked against the rules; the first broken rule makes the tool invalid. */
export function scanDeclarations(schema: unknown): Scan {
  const headers: ParamHeader[] = [];
  const seen = new Map<string, string>();
  const visit = (node: unknown, path: string[] | undefined, where: string): string | undefined => {
    if (typeof node !== 'object' || node === null) return undefined;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) {
        const fault = visit(item, undefined, `${where}[${i}]`);
        if (fault) return fault;
      }
      return undefined;
    }
    const record = node as Record<string, unknown>;
    if ('x-mcp-header' in record) {
      const fault = checkDeclaration(record, path, where, seen);
      if (fault) return fault;
      headers.push({ name: record['x-mcp-header'] as string, path: path as string[] });
    }
    for (const [key, child] of Object.entries(record)) {
      if (DATA_KEYWORDS.has(key) || key === 'x-mcp-header') continue;
      if (
        key === 'properties' &&
        path &&
        typeof child === 'object' &&
        child !== null &&
        !Array.isArray(child)
      ) {
        for (const [property, propertySchema] of Object.entries(child)) {
          const fault = visit(propertySchema, [...path, property], `${where}.properties.${property}`);
          if (fault) return fault;
        }
        continue;
      }
      const fault = visit(child, undefined, `${where}.${key}`);
      if (fault) return fault;
    }
    return undefined;
  };
  const fault = visit(schema, [], 'inputSchema');
  return fault ? { ok: false, reason: fault } : { ok: true, headers };
}

function checkDeclaration(
  record: Record<string, unknown>,
  path: string[] | undefined,
  where: string,
  seen: Map<string, string>,
): string | undefined {
  const name = record['x-mcp-header'];
  if (!path || path.length === 0)
    return `${where}: x-mcp-header is allowed only on a property reached through "properties" alone`;
  if (typeof name !== 'string' || !TOKEN.test(name))
    return `${where}: x-mcp-header must be a non-empty HTTP token, got ${JSON.stringify(name)}`;
  const types = Array.isArray(record.type) ? record.type.filter((t) => t !== 'null') : [record.type];
  if (types.length === 0 || !types.every((t) => typeof t === 'string' && PRIMITIVE_TYPES.has(t)))
    return `${where}: x-mcp-header is allowed only on a string, integer or boolean property, not ${JSON.stringify(record.type ?? 'untyped')}`;
  const prior = seen.get(name.toLowerCase());
  if (prior !== undefined)
    return `${where}: x-mcp-header "${name}" repeats "${prior}" (names are case-insensitive)`;
  seen.set(name.toLowerCase(), name);
  return undefined;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
