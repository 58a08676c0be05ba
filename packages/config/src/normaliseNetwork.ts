import { isAbsolute, resolve } from 'node:path';
import type { NetworkServerConfig } from '@org/mcp-core';
import type { McpServerEntry } from './mcpConfigSchema.js';

/** What normalising the network settings needs from normaliseServer. */
export interface NetworkContext {
  /** Expands variables in one field's text, reporting problems under that field. */
  expand: (field: string, text: string) => string;
  report: (field: string, message: string) => void;
  /** Where relative `ca`, `cert` and `key` paths resolve. */
  baseDir: string | undefined;
}

/** A secret is only ever a reference: the whole value one `${VAR}` (or `${env:VAR}`). */
const VARIABLE_REFERENCE = /^\$\{[^}]+\}$/;
const FILES = ['ca', 'cert', 'key'] as const;

/**
 * A remote server's proxy, TLS and cookie settings, variables expanded and paths resolved against the config
 * file; problems are reported by field, never with a value (a proxy URL may hold credentials).
 */
export function normaliseNetwork(entry: McpServerEntry, ctx: NetworkContext): NetworkServerConfig {
  const result: NetworkServerConfig = {};
  if (entry.proxy === false) result.proxy = false;
  else if (entry.proxy !== undefined) {
    const proxy = ctx.expand('proxy', entry.proxy);
    const protocol = URL.canParse(proxy) ? new URL(proxy).protocol : undefined;
    if (protocol !== 'http:' && protocol !== 'https:')
      ctx.report('proxy', 'not a valid proxy URL; expected http://host:port or https://host:port');
    result.proxy = proxy;
  }
  for (const field of FILES) {
    const written = entry[field];
    if (written === undefined) continue;
    const path = ctx.expand(field, written);
    result[field] = ctx.baseDir !== undefined && !isAbsolute(path) ? resolve(ctx.baseDir, path) : path;
  }
  if ((entry.cert === undefined) !== (entry.key === undefined))
    ctx.report(entry.cert === undefined ? 'key' : 'cert', 'a client certificate needs both "cert" and "key"');
  if (entry.passphrase !== undefined) {
    if (!VARIABLE_REFERENCE.test(entry.passphrase))
      ctx.report(
        'passphrase',
        'a passphrase is only taken as a ${VAR} reference to the environment, never written in the file',
      );
    else result.passphrase = ctx.expand('passphrase', entry.passphrase);
    if (entry.key === undefined) ctx.report('passphrase', 'needs "key" beside it');
  }
  if (entry.insecureSkipVerify !== undefined) result.insecureSkipVerify = entry.insecureSkipVerify;
  if (entry.cookies !== undefined) result.cookies = entry.cookies;
  return result;
}
