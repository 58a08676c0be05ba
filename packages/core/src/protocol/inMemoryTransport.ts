import { CoreErrorCode } from '../errors/errorCodes.js';
import { MCPConnectionError } from '../errors/errors.js';
import type { JSONRPCMessage } from './jsonrpc.js';
import type { Transport } from './transport.js';

/**
 * Two transports wired to each other in memory: for tests, and for hosting a server in the
 * same process. Messages are delivered on a microtask, as a real pipe would, never re-entrantly.
 */
export class InMemoryTransport implements Transport {
  private peer: InMemoryTransport | undefined;
  private closed = false;
  onmessage?: (message: unknown) => void;
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;

  static createLinkedPair(): [InMemoryTransport, InMemoryTransport] {
    const a = new InMemoryTransport();
    const b = new InMemoryTransport();
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  async start(): Promise<void> {
    if (this.closed)
      throw new MCPConnectionError(CoreErrorCode.TRANSPORT_CLOSED, 'In-memory transport is closed.');
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const peer = this.peer;
    if (this.closed || !peer || peer.closed) {
      throw new MCPConnectionError(CoreErrorCode.TRANSPORT_CLOSED, 'In-memory transport is closed.');
    }
    // A structured copy, so neither side can mutate what the other holds.
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (!peer.closed) peer.onmessage?.(copy);
    });
  }

  /** Closes this end; the other end sees its peer go away. */
  async close(): Promise<void> {
    this.closeWith(undefined);
  }

  /** Closes this end as if the connection failed with `reason`, and the other end too. */
  closeWith(reason: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    const peer = this.peer;
    this.onclose?.(reason);
    peer?.closeWith(
      new MCPConnectionError(CoreErrorCode.PEER_CLOSED, 'The other end of the in-memory transport closed.'),
    );
  }

  isAlive(): boolean {
    return !this.closed;
  }
}
