import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { HttpErrorCode, MCPTransportError } from '@org/mcp-core';
import type { HttpNetworkOptions } from './httpNetworkOptions.js';

/** The TLS options of a connection to the server (and to an https proxy). */
export interface TlsMaterial {
  ca?: string[];
  cert?: string;
  key?: string;
  passphrase?: string;
  rejectUnauthorized?: boolean;
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * Reads the files a server's settings name. A `ca` is added to Node's roots and NODE_EXTRA_CA_CERTS (an option
 * `ca` replaces Node's default store, which is what holds the extra certificates), never put in their place.
 */
export function tlsMaterial(
  options: HttpNetworkOptions,
  serverName: string,
  env: NodeJS.ProcessEnv = process.env,
): TlsMaterial {
  const material: TlsMaterial = {};
  if (options.ca !== undefined) {
    const extra = env.NODE_EXTRA_CA_CERTS
      ? [readPem(env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS', serverName)]
      : [];
    material.ca = [...rootCertificates, ...extra, readPem(options.ca, 'ca', serverName)];
  }
  if ((options.cert === undefined) !== (options.key === undefined))
    throw invalid(
      serverName,
      `"${options.cert === undefined ? 'key' : 'cert'}" is set without "${options.cert === undefined ? 'cert' : 'key'}"; a client certificate needs both`,
    );
  if (options.cert !== undefined) material.cert = readPem(options.cert, 'cert', serverName);
  if (options.key !== undefined) material.key = readPem(options.key, 'key', serverName);
  if (options.passphrase !== undefined) material.passphrase = options.passphrase;
  if (options.insecureSkipVerify) material.rejectUnauthorized = false;
  return material;
}

/** The file's text if it holds a PEM block; the error names the field and the path, never the content. */
function readPem(path: string, field: string, serverName: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw invalid(
      serverName,
      `"${field}" file ${path} cannot be read (${typeof code === 'string' ? code : 'error'})`,
    );
  }
  if (!PEM.test(text))
    throw invalid(serverName, `"${field}" file ${path} holds no PEM block (-----BEGIN …-----)`);
  return text;
}

export function invalid(serverName: string, what: string): MCPTransportError {
  return new MCPTransportError(
    HttpErrorCode.NETWORK_CONFIG_INVALID,
    `Server "${serverName}": ${what}. Fix the server's network settings.`,
    { serverName },
  );
}
