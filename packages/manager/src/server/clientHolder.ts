import type { MCPClient, Tool } from '@org/mcp-core';
import { disconnectWithin } from './disconnectWithin.js';

const NO_TOOLS: readonly Tool[] = Object.freeze([]);

/**
 * A server's one live client with its tools, and the client of a connection that went away, which may still
 * be stopping its process: that one is released before the next client starts, and by every stop.
 */
export class ClientHolder {
  private live: { client: MCPClient; tools: readonly Tool[] } | undefined;
  private lost: MCPClient | undefined;
  private lastTools: readonly Tool[] = NO_TOOLS;

  /** Every release waits at most `limit` ms for a disconnect; `onOverdue` hears of one that took longer. */
  constructor(
    private readonly limit: number,
    private readonly onOverdue: () => void,
  ) {}

  get client(): MCPClient | undefined {
    return this.live?.client;
  }

  /** The live client's tools; none without one. */
  get tools(): readonly Tool[] {
    return this.live?.tools ?? NO_TOOLS;
  }

  /** The tools of the last live client, kept when it goes: calls to them say why the server cannot take them. */
  get knownTools(): readonly Tool[] {
    return this.lastTools;
  }

  fill(client: MCPClient, tools: readonly Tool[]): void {
    this.live = { client, tools };
    this.lastTools = tools;
  }

  /** Lists `client`'s tools afresh (it said they changed) and keeps them if it is still the live one. */
  async refreshTools(client: MCPClient): Promise<boolean> {
    const tools = await client.getTools({ refresh: true });
    if (this.live?.client !== client) return false;
    this.fill(client, tools);
    return true;
  }

  /** The live client went away (or is dropped): it stays to be released. */
  lose(): void {
    this.lost = this.live?.client;
    this.live = undefined;
  }

  /** Takes the live client out; the caller releases it. */
  take(): MCPClient | undefined {
    const client = this.live?.client;
    this.live = undefined;
    return client;
  }

  release(client: MCPClient): Promise<void> {
    return disconnectWithin(client, this.limit, this.onOverdue);
  }

  async releaseLost(): Promise<void> {
    const lost = this.lost;
    this.lost = undefined;
    if (lost) await this.release(lost);
  }
}
