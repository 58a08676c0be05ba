/**
 * The least a JSON-RPC client can be: ids, a map of pending promises, nothing else
 * (no timeouts, no validation). The physical limit the others are measured against.
 */
export class BareRpc {
  nextId = 1;
  /** @type {Map<number, { resolve: (result: any) => void, reject: (error: Error) => void }>} */
  pending = new Map();

  /** @param {(json: string) => void} write sends one serialized message */
  constructor(write) {
    this.write = write;
  }

  /**
   * @param {string} method
   * @param {object} [params]
   * @returns {Promise<any>}
   */
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** @param {string} method */
  notify(method) {
    this.write(JSON.stringify({ jsonrpc: '2.0', method }));
  }

  /** @param {any} message */
  receive(message) {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    if (message.error) entry.reject(new Error(message.error.message));
    else entry.resolve(message.result);
  }

  /** @param {Error} error */
  failAll(error) {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }
}

/** What the bare loop sends in initialize. */
export const BARE_INITIALIZE = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'bare-loop', version: '1.0.0' },
};
