import { UI_RESOURCE_SCHEME } from './mcpApps.js';

/** Who may see and call a tool: the model (in an agent's tool list), the app (from its rendered view). */
export type ToolVisibility = 'model' | 'app';

/** A tool's part in MCP Apps: the view that renders its results, if any, and who may call it. */
export interface ToolUi {
  /** The `ui://` resource of its view; absent when the tool has none (or sent one that is not a `ui://` URI). */
  resourceUri?: string;
  /** `['model', 'app']` unless the tool says otherwise. */
  visibility: readonly ToolVisibility[];
}

/** The longest resource URI taken from a tool; a longer one is ignored. */
export const MAX_UI_URI_LENGTH = 2048;
/** How many entries of a visibility array are read; the rest are ignored. */
const MAX_VISIBILITY_ENTRIES = 8;
const EVERYONE: readonly ToolVisibility[] = Object.freeze(['model', 'app']);
const OWN: ReadonlySet<string> = new Set(['model', 'app']);

/**
 * A tool's view and visibility from its `_meta`: `ui.resourceUri` (or the older flat `ui/resourceUri`) and
 * `ui.visibility`. What a server sends is bounded: an over-long or non-`ui://` URI is no view, unknown
 * visibility entries are dropped, a visibility that is not an array is the default.
 */
export function toolUiOf(tool: { name?: string; _meta?: unknown }): ToolUi {
  const meta = isRecord(tool._meta) ? tool._meta : {};
  const ui = isRecord(meta.ui) ? meta.ui : {};
  const resourceUri = uiUri(ui.resourceUri) ?? uiUri(meta['ui/resourceUri']);
  const visibility = visibilityOf(ui.visibility);
  return resourceUri === undefined ? { visibility } : { resourceUri, visibility };
}

/** Whether a model may be offered the tool (its visibility names `model`). */
export function isModelVisible(tool: { name?: string; _meta?: unknown }): boolean {
  return toolUiOf(tool).visibility.includes('model');
}

function uiUri(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_UI_URI_LENGTH) return undefined;
  return value.startsWith(UI_RESOURCE_SCHEME) ? value : undefined;
}

function visibilityOf(value: unknown): readonly ToolVisibility[] {
  if (!Array.isArray(value)) return EVERYONE;
  const seen = new Set<ToolVisibility>();
  for (const entry of value.slice(0, MAX_VISIBILITY_ENTRIES))
    if (typeof entry === 'string' && OWN.has(entry)) seen.add(entry as ToolVisibility);
  return Object.freeze([...seen]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
