// An in-process MCP server for the tool-namespace scenario, on one end of an in-memory transport: it answers
// initialize and tools/list from a list the scenario changes, and announces each change with list_changed.

/**
 * @typedef {object} MessageEnd
 * @property {((message: any) => void) | undefined} [onmessage]
 * @property {(message: any) => Promise<void>} send
 */

/**
 * @param {MessageEnd} end
 * @param {readonly object[]} initial
 * @returns {{ setTools: (tools: readonly object[]) => void }}
 */
export function memoryToolServer(end, initial) {
  let tools = initial;
  end.onmessage = (message) => {
    if (message.id === undefined) return;
    const result =
      message.method === 'initialize'
        ? {
            protocolVersion: message.params.protocolVersion,
            capabilities: { tools: { listChanged: true } },
            serverInfo: { name: 'memory-tools', version: '1.0.0' },
          }
        : message.method === 'tools/list'
          ? { tools }
          : {};
    void end.send({ jsonrpc: '2.0', id: message.id, result });
  };
  return {
    setTools(next) {
      tools = next;
      void end.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    },
  };
}
