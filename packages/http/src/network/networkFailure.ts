/** What undici says when a proxy refuses: an answer other than 200 to CONNECT, or a 407. */
const PROXY_FAILURE = /\bProxy\b|\b407\b/;

/** A network failure in a few words, and what to check: `(ECONNREFUSED: …). Check that the server …`. */
export function networkFailure(error: unknown): string {
  const reason = networkReason(error);
  const hint = PROXY_FAILURE.test(reason)
    ? 'Check the proxy settings ("proxy", HTTPS_PROXY, HTTP_PROXY) and the proxy credentials.'
    : 'Check that the server is running and reachable.';
  return `(${reason}). ${hint}`;
}

/** Its code and message, once each (an AggregateError has no message). */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  if (typeof code !== 'string' || error.message.includes(code)) return error.message || error.name;
  return error.message ? `${code}: ${error.message}` : code;
}
