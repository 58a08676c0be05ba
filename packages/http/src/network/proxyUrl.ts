import { invalid } from './tlsMaterial.js';

/** A configured proxy URL, checked: http or https, credentials allowed (they go to the proxy only). */
export function parseProxyUrl(proxy: string, serverName: string): URL {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw invalid(serverName, '"proxy" is not a URL; expected http://host:port or https://host:port');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(serverName, `"proxy" is a ${url.protocol} URL; expected http:// or https://`);
  return url;
}

/** The proxy as logs and errors may name it: its origin, never its credentials. */
export function describeProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
