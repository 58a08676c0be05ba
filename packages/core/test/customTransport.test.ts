import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { BaseMCPClient, type JSONRPCMessage, type Transport } from '../src/index.js';

// The README's example, verbatim.
class PortTransport implements Transport {
  onmessage?: (message: unknown) => void;
  constructor(private readonly port: MessagePort) {}
  async start() {
    this.port.on('message', (message) => this.onmessage?.(message));
  }
  async send(message: JSONRPCMessage) {
    this.port.postMessage(message);
  }
  async close() {
    this.port.close();
  }
}

/** A minimal MCP server on the other end of the channel. */
function serve(port: MessagePort): void {
  port.on('message', (data) => {
    const m = data as { id?: number; method: string };
    if (m.id === undefined) return;
    const result =
      m.method === 'initialize'
        ? {
            protocolVersion: '2025-11-25',
            capabilities: { tools: {} },
            serverInfo: { name: 'worker', version: '1' },
          }
        : { tools: [{ name: 'hello', inputSchema: { type: 'object' } }] };
    port.postMessage({ jsonrpc: '2.0', id: m.id, result });
  });
}

it('runs the README client on a custom MessagePort transport', async () => {
  const { port1: port, port2 } = new MessageChannel();
  serve(port2);
  const client = new BaseMCPClient({
    name: 'worker',
    transportType: 'port',
    createTransport: () => new PortTransport(port),
  });
  await client.connect();
  expect((await client.getTools()).map((t) => t.name)).toEqual(['hello']);
  await client.disconnect();
  port2.close();
  expect(client.state).toBe('closed');
});
