import { isAbsolute, resolve } from 'node:path';
import type { OAuthServerConfig } from '@org/mcp-core';
import type { McpServerEntry } from './mcpConfigSchema.js';

/** What normalising the OAuth block needs from normaliseServer. */
export interface OAuthContext {
  /** Expands variables in one field's text, reporting problems under that field. */
  expand: (field: string, text: string) => string;
  report: (field: string, message: string) => void;
  /** Where a relative `privateKeyFile` resolves. */
  baseDir: string | undefined;
}

/** A secret is only ever a reference: the whole value one `${VAR}` (or `${env:VAR}`). */
const VARIABLE_REFERENCE = /^\$\{[^}]+\}$/;

function isUrl(text: string, protocols: string[]): boolean {
  return URL.canParse(text) && protocols.includes(new URL(text).protocol);
}

/**
 * A remote server's OAuth settings from Claude Code's and VS Code's `oauth` block or Cursor's
 * `auth` block, one normalised shape; `false` for "never authorize"; undefined when neither is
 * written. Problems are reported by field, never with a value.
 */
export function normaliseOAuth(
  entry: McpServerEntry,
  ctx: OAuthContext,
): OAuthServerConfig | false | undefined {
  const { oauth, auth } = entry;
  if (oauth !== undefined && auth !== undefined)
    ctx.report('auth', 'given together with "oauth"; keep only one');
  if (oauth === false) return false;
  const block = oauth ?? auth;
  if (block === undefined) return undefined;
  const prefix = oauth !== undefined ? 'oauth' : 'auth';
  const raw =
    oauth !== undefined
      ? oauth
      : { clientId: auth?.CLIENT_ID, clientSecret: auth?.CLIENT_SECRET, scopes: auth?.scopes };
  const field = (name: string) =>
    `${prefix}.${oauth !== undefined ? name : ({ clientId: 'CLIENT_ID', clientSecret: 'CLIENT_SECRET' }[name] ?? name)}`;
  const text = (name: keyof typeof raw & string) => {
    const value = (raw as Record<string, unknown>)[name];
    return typeof value === 'string' ? ctx.expand(field(name), value) : undefined;
  };

  const result: OAuthServerConfig = {};
  const clientId = text('clientId');
  if (clientId !== undefined) result.clientId = clientId;
  if (raw.clientSecret !== undefined) {
    if (!VARIABLE_REFERENCE.test(raw.clientSecret))
      ctx.report(
        field('clientSecret'),
        'a client secret is only taken as a ${VAR} reference to the environment, never written in the file',
      );
    else result.clientSecret = text('clientSecret') as string;
    if (clientId === undefined) ctx.report(field('clientSecret'), `needs "${field('clientId')}" beside it`);
  }
  if (raw.scopes !== undefined) {
    const list = Array.isArray(raw.scopes) ? raw.scopes : [raw.scopes];
    result.scopes = list.flatMap((scope, index) =>
      ctx
        .expand(Array.isArray(raw.scopes) ? `${field('scopes')}.${index}` : field('scopes'), scope)
        .split(/\s+/)
        .filter(Boolean),
    );
  }
  if (oauth !== undefined) {
    if (oauth.callbackPort !== undefined && oauth.redirectUri !== undefined)
      ctx.report('oauth.redirectUri', 'given together with "oauth.callbackPort"; keep only one');
    if (oauth.callbackPort !== undefined) result.callbackPort = oauth.callbackPort;
    const redirectUri = text('redirectUri');
    if (redirectUri !== undefined) {
      if (!isUrl(redirectUri, ['http:', 'https:']))
        ctx.report('oauth.redirectUri', 'not a valid URL; expected http:// (loopback) or https://');
      result.redirectUri = redirectUri;
    }
    const metadataUrl = text('clientMetadataUrl');
    if (metadataUrl !== undefined) {
      if (!isUrl(metadataUrl, ['https:']))
        ctx.report('oauth.clientMetadataUrl', 'must be an https:// URL (a client ID metadata document)');
      result.clientMetadataUrl = metadataUrl;
    }
    const asMetadataUrl = text('authServerMetadataUrl');
    if (asMetadataUrl !== undefined) {
      if (!isUrl(asMetadataUrl, ['https:', 'http:']))
        ctx.report(
          'oauth.authServerMetadataUrl',
          'not a valid URL; expected https:// (or http:// on loopback)',
        );
      result.authServerMetadataUrl = asMetadataUrl;
    }
    const keyFile = text('privateKeyFile');
    if (keyFile !== undefined)
      result.privateKeyFile =
        ctx.baseDir !== undefined && !isAbsolute(keyFile) ? resolve(ctx.baseDir, keyFile) : keyFile;
  }
  return result;
}
