import type { EventEmitter } from 'node:events';
import type { ManagerEventMap } from '../managerEvents.js';
import { callAbortedError } from './serverErrors.js';
import type { ServerState } from './serverStatus.js';

/** Whether a server in this state is on its way to connected (connecting, or restarting). */
export function isComingUp(state: ServerState): boolean {
  return state === 'connecting' || state === 'reconnecting';
}

/**
 * Waits until the server (the emitter of its own `serverStateChanged`) has come up or given up, or `limit` ms
 * have passed; rejects with MCPAbortError when the caller's signal fires.
 */
export function awaitComingUp(
  server: EventEmitter<ManagerEventMap> & { readonly name: string },
  limit: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearTimeout(timer);
      server.off('serverStateChanged', listener);
      signal?.removeEventListener('abort', abort);
      settle();
    };
    const listener = ({ state }: { state: ServerState }) => {
      if (!isComingUp(state)) done(resolve);
    };
    const abort = () => done(() => reject(callAbortedError(server.name)));
    const timer = setTimeout(() => done(resolve), limit);
    server.on('serverStateChanged', listener);
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
  });
}
