// The manager's tool namespace in process: listTools() right after a list_changed, and qualifying many tools.
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

/** Tools per server in the tool-namespace scenario, and the tool counts qualified. */
const TOOLS_PER_SERVER = 100;
const QUALIFY_SIZES = [10_000, 20_000, 40_000];

/**
 * One server's tools, the same names on every server (a fleet of one kind of server), so names repeat across servers.
 * @param {number} version shows in each description, so a changed list differs
 * @returns {import('./contenders/contender.mjs').ToolSpec[]}
 */
function toolList(version) {
  return Array.from({ length: TOOLS_PER_SERVER }, (_, i) => ({
    name: `tool_${i}`,
    description: `Tool ${i}, version ${version}.`,
    inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
  }));
}

/** @param {number} servers */
function toolFleet(servers) {
  return new Map(Array.from({ length: servers }, (_, i) => [`server${i}`, toolList(0)]));
}

/**
 * listTools() right after one server's list_changed has landed (the server announces it, the namespace re-reads
 * that server), then qualifying 10k, 20k and 40k tools: linear naming keeps the time per tool flat.
 * @type {Scenario['run']}
 */
async function toolNamespaceRun(contender, _target, params) {
  const total = params.toolServers * TOOLS_PER_SERVER;
  const namespace = await contender.toolNamespace(toolFleet(params.toolServers));
  const times = [];
  try {
    await namespace.listTools();
    for (let i = 0; i < params.toolChanges; i++) {
      await namespace.changeTools(`server${i % params.toolServers}`, toolList(i + 1));
      const start = performance.now();
      const tools = await namespace.listTools();
      times.push(performance.now() - start);
      if (tools.length !== total) throw new Error(`listTools gave ${tools.length} tools, not ${total}`);
    }
  } finally {
    await namespace.close();
  }
  /** @type {Record<string, number>} */
  const figures = { listUs: percentile(times, 0.5) * 1000 };
  const qualify = await contender.loadQualify();
  for (const size of QUALIFY_SIZES) {
    const fleet = toolFleet(size / TOOLS_PER_SERVER);
    qualify(fleet);
    const runs = [];
    for (let i = 0; i < params.qualifyRuns; i++) {
      const start = performance.now();
      const named = qualify(fleet);
      runs.push(performance.now() - start);
      if (named.length !== size) throw new Error(`qualify named ${named.length} tools, not ${size}`);
    }
    figures[`qualify${size / 1000}k`] = (percentile(runs, 0.5) * 1e6) / size;
  }
  return figures;
}

/**
 * The tool-namespace scenario, titled with the counts of this mode.
 * @param {BenchParams} p
 * @returns {Scenario}
 */
export function toolNamespaceScenario(p) {
  const n = (/** @type {number} */ value) => value.toLocaleString('en-US');
  return {
    id: 'manager.tools',
    title: `manager: ${p.toolServers} servers × ${TOOLS_PER_SERVER} tools in process; qualifying ${QUALIFY_SIZES.map((s) => `${s / 1000}k`).join(', ')} tools`,
    transport: 'memory',
    metrics: [
      { key: 'listUs', label: 'listTools after list_changed µs', better: 'lower', kind: 'speed' },
      ...QUALIFY_SIZES.map((size) => ({
        key: `qualify${size / 1000}k`,
        label: `qualify ${n(size)} tools ns/tool`,
        better: /** @type {const} */ ('lower'),
        kind: /** @type {const} */ ('speed'),
      })),
    ],
    run: toolNamespaceRun,
  };
}
