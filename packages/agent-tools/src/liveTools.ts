import { type AgentToolSource, openSource } from './toolSource.js';

/** The current tool set of a source, in whatever shape `build` makes, following `toolsChanged`. */
export interface LiveTools<T> {
  /** The set for the source's tools as they are now: built once, built again after each change. */
  current(): Promise<T>;
  /** Stops following the source's changes. Idempotent. */
  close(): void;
  [Symbol.dispose](): void;
}

/**
 * Keeps a converted tool set current: `build` (any of this package's converters, or your own) runs on the
 * first `current()` and again on the first `current()` after the source emits `toolsChanged`, so an agent
 * that asks before each step always sends what the servers offer now, and a quiet source costs nothing.
 * A change during a build makes the next call build again; a failed build is not kept.
 */
export function liveTools<T>(
  source: AgentToolSource,
  build: (source: AgentToolSource) => Promise<T>,
): LiveTools<T> {
  let version = 0;
  let cached: { version: number; value: Promise<T> } | undefined;
  const unsubscribe = openSource(source).subscribe(() => {
    version++;
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
  };
  return {
    current() {
      if (cached?.version === version) return cached.value;
      const entry = { version, value: build(source) };
      cached = entry;
      entry.value.catch(() => {
        if (cached === entry) cached = undefined;
      });
      return entry.value;
    },
    close,
    [Symbol.dispose]: close,
  };
}
