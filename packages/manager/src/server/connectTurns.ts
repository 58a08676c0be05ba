import { FifoSemaphore } from '../util/fifoSemaphore.js';

/**
 * At most `limit` connect attempts in flight across the manager's servers; the others wait their turn, in the
 * order they asked. Held for one attempt only: a server waiting out its backoff holds none, so it never
 * keeps the others from connecting.
 */
export class ConnectTurns {
  private readonly semaphore: FifoSemaphore;

  constructor(limit: number) {
    this.semaphore = new FifoSemaphore(Math.max(1, limit));
  }

  async run<T>(attempt: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const release = await this.semaphore.acquire({ signal });
    try {
      return await attempt();
    } finally {
      release();
    }
  }
}
