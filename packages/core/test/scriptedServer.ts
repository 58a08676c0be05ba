import {
  BaseMCPClient,
  type ClientOptions,
  InMemoryTransport,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type RequestId,
} from '../src/index.js';

type Handler = (request: JSONRPCRequest) => unknown | Promise<unknown>;

/** An MCP server scripted by the test, on the far end of an in-memory transport. */
export class ScriptedServer {
  readonly transport: InMemoryTransport;
  readonly clientTransport: InMemoryTransport;
  /** Every message the server received, in order. */
  readonly received: JSONRPCMessage[] = [];
  private readonly handlers = new Map<string, Handler>();
  private nextId = 1000;
  private readonly waiting = new Map<RequestId, (message: JSONRPCMessage) => void>();

  constructor(options: { protocolVersion?: string } = {}) {
    [this.clientTransport, this.transport] = InMemoryTransport.createLinkedPair();
    this.on('initialize', () => ({
      protocolVersion: options.protocolVersion ?? '2025-11-25',
      capabilities: { tools: { listChanged: true } },
      serverInfo: { name: 'scripted', version: '1.0.0' },
    }));
    this.transport.onmessage = (value) => void this.receive(value as JSONRPCMessage);
  }

  /** Answers `method` with what the handler returns; a handler returning `undefined` never answers. */
  on(method: string, handler: Handler): this {
    this.handlers.set(method, handler);
    return this;
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.transport.send(message);
  }

  /** Sends a server-to-client request and resolves with the client's answer. */
  request(method: string, params?: Record<string, unknown>): Promise<JSONRPCMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      void this.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
    });
  }

  notifications(method: string): JSONRPCNotification[] {
    return this.received.filter(
      (m): m is JSONRPCNotification => 'method' in m && m.method === method && !('id' in m),
    );
  }

  requests(method: string): JSONRPCRequest[] {
    return this.received.filter(
      (m): m is JSONRPCRequest => 'method' in m && m.method === method && 'id' in m,
    );
  }

  private async receive(message: JSONRPCMessage): Promise<void> {
    this.received.push(message);
    if (!('method' in message)) {
      const resolve = this.waiting.get(message.id as RequestId);
      this.waiting.delete(message.id as RequestId);
      resolve?.(message);
      return;
    }
    if (!('id' in message)) return;
    const handler = this.handlers.get(message.method);
    if (!handler) {
      await this.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32601, message: 'Method not found' },
      });
      return;
    }
    const result = await handler(message);
    if (result === undefined) return;
    if (result instanceof RpcError) {
      await this.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: result.code, message: result.message, data: result.data },
      });
      return;
    }
    await this.send({ jsonrpc: '2.0', id: message.id, result: result as Record<string, unknown> });
  }
}

/** Returned by a handler to answer with a JSON-RPC error. */
export class RpcError {
  constructor(
    readonly code: number,
    readonly message: string,
    readonly data?: unknown,
  ) {}
}

/** A handshake-era client named `name`, connected to `server`. */
export async function connectedTo(
  server: ScriptedServer,
  name: string,
  options: ClientOptions = {},
): Promise<BaseMCPClient> {
  const client = new BaseMCPClient({
    name,
    transportType: 'memory',
    createTransport: () => server.clientTransport,
    era: 'handshake',
    ...options,
  });
  await client.connect();
  return client;
}
