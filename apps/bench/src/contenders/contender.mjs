// The shape every contender (bare loop, official SDK, ours) takes, so the harness treats them alike.

/** The largest message a client accepts in the bench: the 16 MiB echo is over both libraries' defaults, and a user who sends it raises them. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * @typedef {{ transport: 'stdio', command: string, args: string[] } | { transport: 'http' | 'sse', url: string }} Target
 */

/**
 * @typedef {object} Connection
 * @property {(name: string, args: Record<string, unknown>) => Promise<unknown>} callTool resolves with the tool result
 * @property {() => Promise<unknown[]>} [listTools] lists every tool afresh (the SDK and ours)
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} Fleet several stdio servers connected together
 * @property {() => Promise<void>} close
 */

/** @typedef {import('@org/mcp-core').Tool} ToolSpec */

/**
 * @typedef {object} ToolNamespace many servers' tools under one namespace, in process
 * @property {() => Promise<unknown[]>} listTools every server's tools under their qualified names
 * @property {(server: string, tools: ToolSpec[]) => Promise<void>} changeTools the server's tools change and it says so
 *   (list_changed); resolves once the namespace has the new list
 * @property {(query: string, limit: number) => unknown[]} [searchTools] the best `limit` tools for `query` (ours only)
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} Contender
 * @property {'bare' | 'sdk' | 'ours'} id
 * @property {string} label
 * @property {(target: Target, options?: { validateToolOutput?: boolean }) => Promise<Connection>} connect starts,
 *   handshakes and lists tools; `validateToolOutput: false` is ours' off switch (the others ignore it)
 * @property {(targets: Target[]) => Promise<Fleet>} connectMany connects every stdio server in parallel (handshake only)
 * @property {(toolsByServer: Map<string, ToolSpec[]>) => Promise<ToolNamespace>} toolNamespace in-process servers
 *   with these tools, connected, their tools under one namespace
 * @property {() => Promise<(toolsByServer: Map<string, ToolSpec[]>) => unknown[]>} loadQualify the function that names
 *   every tool, unique across servers
 */

/**
 * The text of a tool result's first content block; the harness checks echoes with it.
 * @param {unknown} result
 * @returns {string | undefined}
 */
export function textOf(result) {
  const content = /** @type {{ content?: Array<{ text?: unknown }> } | undefined} */ (result)?.content;
  const text = content?.[0]?.text;
  return typeof text === 'string' ? text : undefined;
}
