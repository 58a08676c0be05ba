// The tool namespace a user of the bare loop, or of the official SDK (which has none across servers), writes by
// hand: `server__tool` names kept to ^[a-zA-Z0-9_-]{1,64}$ and unique, one list per server, concatenated on demand.

/** @typedef {import('./contender.mjs').ToolNamespace} ToolNamespace */
/** @typedef {import('./contender.mjs').ToolSpec} ToolSpec */

const UNSAFE = /[^a-zA-Z0-9_-]/g;

/**
 * @param {string} server
 * @param {readonly ToolSpec[]} tools
 * @param {Set<string>} taken names already given, across servers
 */
function nameTools(server, tools, taken) {
  return tools.map((tool) => {
    const base = `${server}__${tool.name}`.replace(UNSAFE, '_').slice(0, 64);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 60)}_${n}`;
    taken.add(name);
    // Object.assign: on Node 20 a spread followed by more properties is tens of times slower.
    return Object.assign({}, tool, { qualifiedName: name, serverName: server, originalName: tool.name });
  });
}

/**
 * Names every tool of every server, unique across servers.
 * @param {Map<string, readonly ToolSpec[]>} toolsByServer
 */
export function qualifyByHand(toolsByServer) {
  const taken = new Set();
  const named = [];
  for (const [server, tools] of toolsByServer)
    for (const tool of nameTools(server, tools, taken)) named.push(tool);
  return named;
}

/**
 * One named list per server (the prefix keeps servers apart); a change renames that server's list only.
 * @param {Map<string, readonly ToolSpec[]>} toolsByServer
 * @returns {Promise<ToolNamespace>}
 */
export async function handWrittenNamespace(toolsByServer) {
  const named = new Map(
    [...toolsByServer].map(([server, tools]) => [server, nameTools(server, tools, new Set())]),
  );
  return {
    async listTools() {
      const list = [];
      for (const tools of named.values()) for (const tool of tools) list.push(tool);
      return list;
    },
    async changeTools(server, tools) {
      named.set(server, nameTools(server, tools, new Set()));
    },
    async close() {},
  };
}
