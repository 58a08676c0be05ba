import type { Tool } from './mcpTypes.js';

/**
 * What a server says about a tool's behaviour (`tools/list` `annotations`, and the tool's `title`). They are
 * the server's claims: believed only when its config says `trust: true`, hints otherwise (see `mayDestroy`).
 */
export interface ToolAnnotations {
  /** A name for people: `annotations.title`, else the tool's own `title`. */
  readonly title?: string;
  /** The tool changes nothing (specification default false). */
  readonly readOnlyHint?: boolean;
  /** When it changes things, it may destroy or overwrite (default true). */
  readonly destructiveHint?: boolean;
  /** Calling it again with the same arguments has no further effect (default false). */
  readonly idempotentHint?: boolean;
  /** It reaches outside, beyond a closed set of things (default true). */
  readonly openWorldHint?: boolean;
}

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

/** The tool's annotations, typed: only the known keys, only of the right type (a server may send anything). */
export function toolAnnotations(tool: Pick<Tool, 'title' | 'annotations'> | undefined): ToolAnnotations {
  const raw = (tool?.annotations ?? {}) as Record<string, unknown>;
  const picked: { -readonly [K in keyof ToolAnnotations]: ToolAnnotations[K] } = {};
  const title = typeof raw.title === 'string' ? raw.title : tool?.title;
  if (typeof title === 'string') picked.title = title;
  for (const hint of HINTS) if (typeof raw[hint] === 'boolean') picked[hint] = raw[hint];
  return picked;
}

/**
 * Whether a call to the tool may destroy something, for an approval step. A trusted server's annotations
 * decide, with the specification's defaults (`readOnlyHint: true` or `destructiveHint: false` says no). An
 * untrusted server's tools always may: what it claims is a hint to show the user, never a reason to skip
 * approval, since any server can call its delete "read-only".
 */
export function mayDestroy(tool: {
  readonly annotations: ToolAnnotations;
  readonly trusted: boolean;
}): boolean {
  if (!tool.trusted) return true;
  return tool.annotations.readOnlyHint !== true && tool.annotations.destructiveHint !== false;
}
