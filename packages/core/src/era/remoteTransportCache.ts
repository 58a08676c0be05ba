/** Which HTTP transport a server's URL answered with: Streamable HTTP, or the legacy HTTP+SSE one. */
export type RemoteTransportKind = 'streamable-http' | 'sse';

/**
 * The statuses with which a legacy HTTP+SSE server refuses a POSTed `initialize` (specification
 * 2025-11-25, transports, "Backwards compatibility"): the client then opens the GET event stream.
 */
export const LEGACY_SSE_STATUSES: ReadonlySet<number> = new Set([400, 404, 405]);

/** Configured URLs, not server input; bounded all the same, as URLs may be made per user. */
const MAX_REMEMBERED = 1_000;
const kinds = new Map<string, RemoteTransportKind>();

/**
 * What each URL was found to speak, beside the era cache and under the same key, for the life of the
 * process: the next client for that URL goes straight to it. Oldest entries go first past the bound.
 */
export const remoteTransportCache = {
  get: (key: string | undefined): RemoteTransportKind | undefined =>
    key === undefined ? undefined : kinds.get(key),
  set: (key: string | undefined, kind: RemoteTransportKind): void => {
    if (key === undefined) return;
    kinds.delete(key);
    kinds.set(key, kind);
    if (kinds.size > MAX_REMEMBERED) kinds.delete(kinds.keys().next().value as string);
  },
  delete: (key: string | undefined): void => {
    if (key !== undefined) kinds.delete(key);
  },
  clear: (): void => kinds.clear(),
  /** The bound, for tests. */
  maxSize: MAX_REMEMBERED,
};
