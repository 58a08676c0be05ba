import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from './managerEvents.js';
import type { ServerState } from './serverStatus.js';

/**
 * The first state a server (the emitter of its own `serverStateChanged`) moves to that `wanted` accepts, or
 * undefined once `limit` ms have passed; rejects with `aborted()` when the signal fires.
 */
export function awaitState(
  server: EventEmitter<ManagerEventMap>,
  wanted: (state: ServerState) => boolean,
  limit: number,
  signal: AbortSignal | undefined,
  aborted: () => Error,
): Promise<ServerState | undefined> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearTimeout(timer);
      server.off('serverStateChanged', listener);
      signal?.removeEventListener('abort', abort);
      settle();
    };
    const listener = ({ state }: { state: ServerState }) => {
      if (wanted(state)) done(() => resolve(state));
    };
    const abort = () => done(() => reject(aborted()));
    const timer = setTimeout(() => done(() => resolve(undefined)), limit);
    server.on('serverStateChanged', listener);
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
  });
}
