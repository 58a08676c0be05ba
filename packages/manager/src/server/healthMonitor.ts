import type { ResolvedOptions } from '../resolvedOptions.js';
import type { ManagedServer } from './managedServer.js';

/** Checks every enabled server, every healthCheckInterval when asked to, and restarts those failing in a row. */
export class HealthMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly servers: () => Iterable<ManagedServer>,
    private readonly options: ResolvedOptions,
  ) {}

  /** Starts the periodic checks, if an interval is set. */
  start(): void {
    const interval = this.options.healthCheckInterval;
    if (interval <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.round(), interval);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Health of every enabled server, checked in parallel; a server not connected is unhealthy. */
  async checkAll(): Promise<Record<string, boolean>> {
    const timeout = this.options.healthCheckTimeout;
    const enabled = [...this.servers()].filter((server) => server.enabled);
    const results = await Promise.all(
      enabled.map(async (server) => [server.name, await server.checkHealth(timeout)] as const),
    );
    return Object.fromEntries(results);
  }

  private async round(): Promise<void> {
    const limit = this.options.healthCheckFailures;
    await this.checkAll();
    for (const server of this.servers()) server.restartIfUnhealthy(limit);
  }
}
