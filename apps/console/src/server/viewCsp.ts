import type { AppView } from '@org/mcp-manager';

/** Only origins a CSP can hold: no quotes, semicolons or spaces from a server make it into the header. */
const ORIGIN = /^(https?|wss?):\/\/[a-z0-9*.-]+(:\d+)?$/i;

/**
 * The Content-Security-Policy a view is served with, built from what its server declared (`_meta.ui.csp`), the
 * extension's restrictive default when it declared nothing; never looser.
 */
export function viewCsp(view: Pick<AppView, 'csp'>): string {
  const list = (domains: string[] | undefined) => (domains ?? []).filter((d) => ORIGIN.test(d)).join(' ');
  const resources = list(view.csp?.resourceDomains);
  const connect = list(view.csp?.connectDomains);
  const frames = list(view.csp?.frameDomains);
  const base = list(view.csp?.baseUriDomains);
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${resources}`,
    `style-src 'self' 'unsafe-inline' ${resources}`,
    `img-src 'self' data: ${resources}`,
    `font-src 'self' ${resources}`,
    `media-src 'self' data: ${resources}`,
    `connect-src ${connect || "'none'"}`,
    `frame-src ${frames || "'none'"}`,
    "object-src 'none'",
    `base-uri ${base || "'self'"}`,
  ]
    .map((d) => d.trim())
    .join('; ');
}

/** The iframe `allow` attribute for the permissions a view asked for. */
export function viewAllow(view: Pick<AppView, 'permissions'>): string {
  const names = {
    camera: 'camera',
    microphone: 'microphone',
    geolocation: 'geolocation',
    clipboardWrite: 'clipboard-write',
  };
  return (view.permissions ?? []).map((p) => names[p]).join('; ');
}
