import type { MCPClient } from '@org/mcp-core';

/** One server's health checks: the last result, and how many checks of its live client failed in a row. */
export class HealthRecord {
  last: { at: string; healthy: boolean } | undefined;
  failures = 0;

  /** Checks `client`; the result counts only if it is still the live one (`isLive`) when the answer comes. */
  async check(client: MCPClient | undefined, timeout: number, isLive: () => boolean): Promise<boolean> {
    const healthy = client ? await client.isHealthy({ timeout }) : false;
    if (client && isLive()) {
      this.last = { at: new Date().toISOString(), healthy };
      this.failures = healthy ? 0 : this.failures + 1;
    }
    return healthy;
  }
}
