import type { MCPClient } from '@org/mcp-core';

/**
 * The connect or restart a server runs or has queued: the controller that aborts it, and the attempt under way
 * that a second connect() joins instead of starting another.
 */
export class CurrentWork {
  private controller: AbortController | undefined;
  private attempt: Promise<MCPClient> | undefined;

  /** The attempt under way, if any. */
  get joinable(): Promise<MCPClient> | undefined {
    return this.attempt;
  }

  /** A new connect or restart: whatever was in flight or queued is aborted. */
  take(): AbortController {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller;
  }

  /** Whether `controller` is still the current one, not aborted by a later operation. */
  owns(controller: AbortController): boolean {
    return this.controller === controller;
  }

  /** Aborts whatever runs with `reason`; whether an attempt was under way. */
  abort(reason: Error): boolean {
    this.controller?.abort(reason);
    this.controller = undefined;
    const busy = this.attempt !== undefined;
    this.attempt = undefined;
    return busy;
  }

  /** Lets connect() join this attempt until it settles. */
  track(attempt: Promise<MCPClient>): Promise<MCPClient> {
    this.attempt = attempt;
    const settled = () => {
      if (this.attempt === attempt) this.attempt = undefined;
    };
    attempt.then(settled, settled);
    return attempt;
  }
}
