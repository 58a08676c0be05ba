import { MCPProtocolError } from '../errors/errors.js';
import type { ProtocolEngine } from '../protocol/protocolEngine.js';
import { calculateBackoff } from '../util/backoff.js';
import type { Logger } from '../util/logger.js';

export const SUBSCRIPTION_ACKNOWLEDGED = 'notifications/subscriptions/acknowledged';

/**
 * The modern era's change notifications: one long-lived `subscriptions/listen` request for the
 * list changes the server offers. When it ends (a dropped stream, the server closing it) it is
 * opened again with backoff, and once the server acknowledges it again `onResubscribed` says that
 * changes may have been missed meanwhile. A server that refuses it with a JSON-RPC error is not
 * asked again on this connection.
 */
export class ChangeSubscription {
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private reopened = false;

  private constructor(
    private readonly engine: ProtocolEngine,
    private readonly notifications: Record<string, boolean>,
    private readonly logger: Logger,
    private readonly onResubscribed: () => void,
  ) {}

  /** Starts listening for what `capabilities` say can change; undefined when nothing can. */
  static open(
    engine: ProtocolEngine,
    capabilities: Record<string, unknown> | undefined,
    logger: Logger,
    onResubscribed: () => void,
  ): ChangeSubscription | undefined {
    const offers = (kind: string) =>
      (capabilities?.[kind] as { listChanged?: unknown } | undefined)?.listChanged === true;
    const notifications: Record<string, boolean> = {};
    if (offers('tools')) notifications.toolsListChanged = true;
    if (offers('prompts')) notifications.promptsListChanged = true;
    if (offers('resources')) notifications.resourcesListChanged = true;
    if (Object.keys(notifications).length === 0) return undefined;
    const subscription = new ChangeSubscription(engine, notifications, logger, onResubscribed);
    subscription.listen();
    return subscription;
  }

  /** The server confirmed the subscription: the next gap starts the backoff over. */
  acknowledged(): void {
    this.attempt = 0;
    if (this.reopened && !this.stopped) {
      this.reopened = false;
      this.onResubscribed();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private listen(): void {
    if (this.stopped || this.engine.isClosed) return;
    this.engine
      .request(
        'subscriptions/listen',
        { notifications: this.notifications },
        { timeout: Number.POSITIVE_INFINITY },
      )
      .then(
        () => this.ended(undefined),
        (error: unknown) => this.ended(error),
      );
  }

  private ended(error: unknown): void {
    if (this.stopped || this.engine.isClosed) return;
    if (error instanceof MCPProtocolError) {
      this.logger.warn(
        { err: error },
        'the server refused subscriptions/listen; list changes are not followed',
      );
      return;
    }
    this.reopened = true;
    const delay = calculateBackoff(this.attempt++);
    this.logger.debug({ err: error, delay }, 'subscriptions/listen ended; listening again');
    this.timer = setTimeout(() => this.listen(), delay);
    this.timer.unref();
  }
}
