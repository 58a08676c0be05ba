import { AppsErrorCode, MCP_APP_MIME_TYPE, MCPProtocolError, type ReadResourceResult } from '@org/mcp-core';

/** Origins a view may reach, as its server declares them (`_meta.ui.csp`); the host builds its CSP from them. */
export interface AppViewCsp {
  connectDomains?: string[];
  resourceDomains?: string[];
  frameDomains?: string[];
  baseUriDomains?: string[];
}

/** Browser features a view asks for (`_meta.ui.permissions`); a host may grant them or not. */
export type AppViewPermission = 'camera' | 'microphone' | 'geolocation' | 'clipboardWrite';

/** One tool's view: the HTML document of its `ui://` resource and what its server says about rendering it. */
export interface AppView {
  /** The server that serves it: the only one its tool calls may reach. */
  server: string;
  uri: string;
  mimeType: string;
  html: string;
  csp?: AppViewCsp;
  permissions?: AppViewPermission[];
  /** Whether the view asks the host for a border and background; absent: the host decides. */
  prefersBorder?: boolean;
  /** A dedicated origin the view asks for (host-specific). */
  domain?: string;
}

const CSP_KEYS = ['connectDomains', 'resourceDomains', 'frameDomains', 'baseUriDomains'] as const;
const PERMISSIONS: readonly AppViewPermission[] = ['camera', 'microphone', 'geolocation', 'clipboardWrite'];
/** Bounds on the metadata a server sends with a view. */
const MAX_DOMAINS = 32;
const MAX_DOMAIN_LENGTH = 512;

/**
 * The view in a `resources/read` answer: one content of the MCP App type with `text` or base64 `blob`, at most
 * `maxBytes`; anything else is APP_VIEW_INVALID naming the server and the URI.
 */
export function appViewOf(
  server: string,
  uri: string,
  result: ReadResourceResult,
  maxBytes: number,
): AppView {
  const invalid = (why: string) =>
    new MCPProtocolError(AppsErrorCode.APP_VIEW_INVALID, `View "${uri}" of server "${server}" ${why}.`, {
      serverName: server,
    });
  const content = result.contents.find((c) => c.uri === uri) ?? result.contents[0];
  if (!content) throw invalid('came back with no contents');
  const mimeType = typeof content.mimeType === 'string' ? content.mimeType : '';
  if (mimeType.replace(/\s/g, '').toLowerCase() !== MCP_APP_MIME_TYPE)
    throw invalid(`has type "${mimeType.slice(0, 100)}", not ${MCP_APP_MIME_TYPE}`);
  const html = documentOf(content as { text?: unknown; blob?: unknown }, maxBytes, invalid);
  const ui = record(record(content._meta).ui);
  const view: AppView = { server, uri, mimeType: MCP_APP_MIME_TYPE, html };
  const csp = cspOf(record(ui.csp));
  if (csp) view.csp = csp;
  const permissions = PERMISSIONS.filter((p) => p in record(ui.permissions));
  if (permissions.length > 0) view.permissions = permissions;
  if (typeof ui.prefersBorder === 'boolean') view.prefersBorder = ui.prefersBorder;
  if (typeof ui.domain === 'string' && ui.domain.length <= MAX_DOMAIN_LENGTH) view.domain = ui.domain;
  return view;
}

function documentOf(
  content: { text?: unknown; blob?: unknown },
  maxBytes: number,
  invalid: (why: string) => Error,
): string {
  const tooLarge = () => invalid(`is larger than ${maxBytes} bytes (apps.maxViewBytes)`);
  if (typeof content.text === 'string') {
    if (Buffer.byteLength(content.text) > maxBytes) throw tooLarge();
    return content.text;
  }
  if (typeof content.blob === 'string') {
    // Base64 is 4 characters for 3 bytes: the check needs no decoding.
    if (Math.floor((content.blob.length * 3) / 4) > maxBytes + 2) throw tooLarge();
    return Buffer.from(content.blob, 'base64').toString('utf8');
  }
  throw invalid('has neither text nor blob');
}

function cspOf(csp: Record<string, unknown>): AppViewCsp | undefined {
  const out: AppViewCsp = {};
  for (const key of CSP_KEYS) {
    const value = csp[key];
    if (!Array.isArray(value)) continue;
    out[key] = value
      .slice(0, MAX_DOMAINS)
      .filter((d): d is string => typeof d === 'string' && d.length <= MAX_DOMAIN_LENGTH);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
