/** Longest text of a server's (an `error_description`) put in an error message. */
export const MAX_SERVER_TEXT = 300;

/** Parameters of requests to authorization servers whose values are credentials. */
const SECRET_PARAMETERS = [
  'code',
  'code_verifier',
  'refresh_token',
  'client_secret',
  'client_assertion',
  'assertion',
  'subject_token',
  'actor_token',
  'password',
];
/** Shorter values are left alone: scrubbing them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Every credential a provider sent to authorization servers (codes, verifiers, refresh tokens,
 * client secrets and assertions, the Authorization header), so that text a server sends back (an
 * `error_description` may quote the request) is scrubbed of them before it is shown anywhere.
 */
export class SentSecrets {
  private readonly values = new Set<string>();

  add(value: string | undefined | null): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    this.values.add(value);
    // Quoted back as it went on the wire (form or URL encoding), or as part of a Basic credential.
    this.values.add(encodeURIComponent(value));
    this.values.add(new URLSearchParams({ v: value }).toString().slice(2));
  }

  /** Takes the credentials out of a request's body (a form) and its Authorization header. */
  addRequest(init: RequestInit | undefined): void {
    const body = init?.body;
    if (typeof body === 'string' || body instanceof URLSearchParams) {
      const form = new URLSearchParams(body);
      for (const name of SECRET_PARAMETERS) for (const value of form.getAll(name)) this.add(value);
    }
    const authorization = new Headers(init?.headers).get('authorization');
    if (authorization) {
      this.add(authorization);
      const [scheme, credential] = authorization.split(' ');
      this.add(credential);
      if (scheme?.toLowerCase() === 'basic' && credential) {
        const decoded = Buffer.from(credential, 'base64').toString('utf8');
        this.add(decoded);
        this.add(decoded.slice(decoded.indexOf(':') + 1));
      }
    }
  }

  /** Longest first, so a whole value goes before a part of it. */
  list(): string[] {
    return [...this.values].sort((a, b) => b.length - a.length);
  }
}

/**
 * A server's text made fit to show: every secret sent replaced by `[redacted]`, markup and control
 * characters (newlines, ANSI escapes, bidirectional overrides) gone, whitespace collapsed, and at most
 * {@link MAX_SERVER_TEXT} characters. Undefined for nothing left to show.
 */
export function serverText(text: unknown, secrets: SentSecrets | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  let shown = text;
  for (const secret of secrets?.list() ?? []) shown = shown.split(secret).join('[redacted]');
  shown = shown
    .replace(/<[^>]*>?/g, ' ')
    // Control and format characters: newlines, ANSI escapes, zero-width and bidirectional overrides.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!shown) return undefined;
  return shown.length > MAX_SERVER_TEXT ? `${shown.slice(0, MAX_SERVER_TEXT - 1)}…` : shown;
}
