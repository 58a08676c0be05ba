import { EventEmitter } from 'node:events';

/**
 * What aborts one request: undici takes an EventEmitter as a request's `signal`, and on Node 20
 * an AbortSignal per request (made, listened to, let go) costs more client CPU than everything
 * else a call does. Only the rare paths that need a real AbortSignal (a resumed stream's wait) make one.
 */
export class RequestAbort extends EventEmitter {
  aborted = false;
  reason: unknown;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** An AbortSignal that aborts with this one. */
  toSignal(): AbortSignal {
    if (this.aborted) return AbortSignal.abort(this.reason);
    const controller = new AbortController();
    this.once('abort', () => controller.abort(this.reason));
    return controller.signal;
  }
}
