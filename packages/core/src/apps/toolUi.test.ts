import { describe, expect, it } from 'vitest';
import { MCP_APPS_EXTENSION_ID, withAppsExtension } from './mcpApps.js';
import { MAX_UI_URI_LENGTH, toolUiOf } from './toolUi.js';

describe('toolUiOf', () => {
  it('reads the nested key, and the older flat key when the nested one is absent', () => {
    expect(toolUiOf({ _meta: { ui: { resourceUri: 'ui://a/view.html' } } })).toEqual({
      resourceUri: 'ui://a/view.html',
      visibility: ['model', 'app'],
    });
    expect(toolUiOf({ _meta: { 'ui/resourceUri': 'ui://old/view.html' } }).resourceUri).toBe(
      'ui://old/view.html',
    );
    expect(
      toolUiOf({ _meta: { ui: { resourceUri: 'ui://new' }, 'ui/resourceUri': 'ui://old' } }).resourceUri,
    ).toBe('ui://new');
  });

  it('has no view for a tool without _meta, a URI of another scheme, or an over-long URI', () => {
    expect(toolUiOf({})).toEqual({ visibility: ['model', 'app'] });
    expect(toolUiOf({ _meta: { ui: { resourceUri: 'https://x/view.html' } } }).resourceUri).toBeUndefined();
    const long = `ui://${'a'.repeat(MAX_UI_URI_LENGTH)}`;
    expect(toolUiOf({ _meta: { ui: { resourceUri: long } } }).resourceUri).toBeUndefined();
    expect(toolUiOf({ _meta: 'nonsense' })).toEqual({ visibility: ['model', 'app'] });
  });

  it('keeps the known visibility entries only, bounded, and defaults when it is not an array', () => {
    expect(toolUiOf({ _meta: { ui: { visibility: ['app'] } } }).visibility).toEqual(['app']);
    expect(toolUiOf({ _meta: { ui: { visibility: ['app', 'robot', 3, 'app'] } } }).visibility).toEqual([
      'app',
    ]);
    expect(toolUiOf({ _meta: { ui: { visibility: [] } } }).visibility).toEqual([]);
    expect(toolUiOf({ _meta: { ui: { visibility: 'app' } } }).visibility).toEqual(['model', 'app']);
    const many = [...Array(10_000).fill('robot'), 'model'];
    expect(toolUiOf({ _meta: { ui: { visibility: many } } }).visibility).toEqual([]);
  });
});

describe('withAppsExtension', () => {
  it('declares the extension beside the other extensions', () => {
    const declared = withAppsExtension({ roots: {}, extensions: { 'x/y': {} } });
    expect(declared).toEqual({
      roots: {},
      extensions: { 'x/y': {}, [MCP_APPS_EXTENSION_ID]: { mimeTypes: ['text/html;profile=mcp-app'] } },
    });
  });
});
