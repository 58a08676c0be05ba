import { silentLogger } from '@org/mcp-core';
import { describe, expect, it } from 'vitest';
import { scanDeclarations, ToolParamHeaders } from './toolParamHeaders.js';

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('x-mcp-header declarations (2026-07-28, custom headers from tool parameters)', () => {
  it('finds declarations on properties reached through "properties" alone, nested ones included', () => {
    const scan = scanDeclarations(
      object({
        region: { type: 'string', 'x-mcp-header': 'Region' },
        target: object({ shard: { type: 'integer', 'x-mcp-header': 'Shard' } }),
        flag: { type: ['boolean', 'null'], 'x-mcp-header': 'Flag' },
        note: { type: 'string', default: { 'x-mcp-header': 'not a declaration' } },
      }),
    );
    expect(scan).toEqual({
      ok: true,
      headers: [
        { name: 'Region', path: ['region'] },
        { name: 'Shard', path: ['target', 'shard'] },
        { name: 'Flag', path: ['flag'] },
      ],
    });
    expect(scanDeclarations(undefined)).toEqual({ ok: true, headers: [] });
  });

  it.each([
    ['on the root', { type: 'object', 'x-mcp-header': 'Root' }, 'reached through "properties" alone'],
    [
      'under items',
      object({ list: { type: 'array', items: { type: 'string', 'x-mcp-header': 'Item' } } }),
      'reached through "properties" alone',
    ],
    [
      'under anyOf',
      { anyOf: [object({ a: { type: 'string', 'x-mcp-header': 'A' } })] },
      'reached through "properties" alone',
    ],
    [
      'on a number',
      object({ ratio: { type: 'number', 'x-mcp-header': 'Ratio' } }),
      'string, integer or boolean',
    ],
    ['on an object', object({ o: { type: 'object', 'x-mcp-header': 'O' } }), 'string, integer or boolean'],
    ['untyped', object({ u: { 'x-mcp-header': 'U' } }), 'string, integer or boolean'],
    ['empty', object({ e: { type: 'string', 'x-mcp-header': '' } }), 'non-empty HTTP token'],
    ['not a token', object({ s: { type: 'string', 'x-mcp-header': 'Has Space' } }), 'non-empty HTTP token'],
    ['with a newline', object({ n: { type: 'string', 'x-mcp-header': 'A\nB' } }), 'non-empty HTTP token'],
    [
      'repeated in another case',
      object({
        a: { type: 'string', 'x-mcp-header': 'Tenant' },
        b: { type: 'string', 'x-mcp-header': 'tenant' },
      }),
      'repeats "Tenant"',
    ],
  ])('rejects a declaration %s', (_what, schema, reason) => {
    const scan = scanDeclarations(schema);
    expect(scan.ok).toBe(false);
    expect(scan.ok ? '' : scan.reason).toContain(reason);
  });
});

describe('ToolParamHeaders', () => {
  const listed = (tools: unknown[]) => ({ jsonrpc: '2.0', id: 1, result: { tools, nextCursor: 'n' } });
  const regional = {
    name: 'regional',
    inputSchema: object({
      region: { type: 'string', 'x-mcp-header': 'Region' },
      count: { type: 'integer', 'x-mcp-header': 'Count' },
      dry: { type: 'boolean', 'x-mcp-header': 'Dry' },
      target: object({ shard: { type: 'string', 'x-mcp-header': 'Shard' } }),
    }),
  };

  it('leaves invalid tools out of a tools/list page, keeping the rest of the result', () => {
    const headers = new ToolParamHeaders(silentLogger);
    const bad = { name: 'bad', inputSchema: object({ r: { type: 'number', 'x-mcp-header': 'R' } }) };
    const page = listed([regional, bad, { name: 'plain' }]);
    expect(headers.screen(page)).toEqual(listed([regional, { name: 'plain' }]));
    const clean = listed([{ name: 'plain' }]);
    expect(headers.screen(clean)).toBe(clean);
    const error = { jsonrpc: '2.0', id: 2, error: { code: -1, message: 'no' } };
    expect(headers.screen(error)).toBe(error);
  });

  it('encodes each declared value: plain ASCII as is, Base64 for the rest, null and absent omitted', () => {
    const headers = new ToolParamHeaders(silentLogger);
    headers.screen(listed([regional]));
    expect(
      headers.headersFor({
        name: 'regional',
        arguments: { region: 'us-west1', count: -7, dry: false, target: { shard: 'Hello, 世界' } },
      }),
    ).toEqual({
      'mcp-param-Region': 'us-west1',
      'mcp-param-Count': '-7',
      'mcp-param-Dry': 'false',
      'mcp-param-Shard': '=?base64?SGVsbG8sIOS4lueVjA==?=',
    });
    expect(headers.headersFor({ name: 'regional', arguments: { region: ' padded ', count: null } })).toEqual({
      'mcp-param-Region': '=?base64?IHBhZGRlZCA=?=',
    });
    expect(headers.headersFor({ name: 'regional', arguments: { region: '=?base64?literal?=' } })).toEqual({
      'mcp-param-Region': '=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=',
    });
    expect(headers.headersFor({ name: 'regional', arguments: { target: 'not an object' } })).toEqual({});
    expect(headers.headersFor({ name: 'unknown', arguments: { region: 'x' } })).toBeUndefined();
  });

  it('forgets a tool whose new definition declares nothing or is invalid', () => {
    const headers = new ToolParamHeaders(silentLogger);
    headers.screen(listed([regional]));
    headers.screen(listed([{ name: 'regional', inputSchema: object({}) }]));
    expect(headers.headersFor({ name: 'regional', arguments: { region: 'x' } })).toBeUndefined();
  });
});
