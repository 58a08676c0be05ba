// The manager's tool search in process: searchTools over 100 servers × 100 tools, and again right after one
// server's list_changed. Ours only: the bare loop and the SDK have no search.
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./modes.mjs').BenchParams} BenchParams */

const SERVERS = 100;
const TOOLS_PER_SERVER = 100;
const VERBS = [
  'read',
  'write',
  'list',
  'create',
  'delete',
  'update',
  'search',
  'get',
  'send',
  'move',
  'copy',
  'sync',
];
const NOUNS = [
  'file',
  'issue',
  'message',
  'channel',
  'event',
  'user',
  'repository',
  'invoice',
  'ticket',
  'record',
  'folder',
  'comment',
  'label',
  'branch',
  'calendar',
  'contact',
  'order',
  'payment',
  'report',
  'image',
];
const PARAMS = [
  'path',
  'id',
  'owner',
  'text',
  'title',
  'limit',
  'cursor',
  'query',
  'start',
  'end',
  'email',
  'amount',
];
/** Queries an agent might send: one to four words, some matching many tools, some few. */
const QUERIES = [
  'read file',
  'create issue in repository',
  'send message to channel',
  'list calendar events',
  'delete user',
  'update invoice amount',
  'search tickets by query',
  'move folder',
  'copy image',
  'payment report',
  'branch',
  'get contact email',
  'sync orders',
  'write comment',
  'label',
  'records with cursor and limit',
];

/**
 * A fixed pseudo-random sequence (no chance in a bench): a linear congruential generator.
 * @param {number} seed
 */
function sequence(seed) {
  let state = seed >>> 0;
  return (/** @type {number} */ n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

/**
 * One server's tools: names, descriptions and parameters drawn from small vocabularies, as a real fleet's overlap.
 * @param {number} server
 * @param {number} version changes the descriptions, so a changed list differs
 */
function toolList(server, version) {
  const pick = sequence(server * 7919 + version);
  return Array.from({ length: TOOLS_PER_SERVER }, (_, i) => {
    const verb = VERBS[pick(VERBS.length)] ?? 'get';
    const noun = NOUNS[pick(NOUNS.length)];
    const other = NOUNS[pick(NOUNS.length)];
    const params = Array.from({ length: 1 + pick(4) }, () => PARAMS[pick(PARAMS.length)]);
    return {
      name: `${verb}_${noun}_${i}`,
      description: `${verb[0]?.toUpperCase()}${verb.slice(1)} a ${noun} and its ${other}s (service ${server}, v${version}).`,
      inputSchema: {
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [p, { type: 'string' }])),
      },
    };
  });
}

/** @type {Scenario['run']} */
async function toolSearchRun(contender, _target, params) {
  const fleet = new Map(Array.from({ length: SERVERS }, (_, i) => [`server${i}`, toolList(i, 0)]));
  const namespace = await contender.toolNamespace(fleet);
  const search = namespace.searchTools;
  if (!search) throw new Error(`${contender.id} has no tool search`);
  const times = [];
  const afterChange = [];
  try {
    if ((await namespace.listTools()).length !== SERVERS * TOOLS_PER_SERVER)
      throw new Error('not every tool listed');
    for (const query of QUERIES) search(query, 10);
    // Half as many rounds as manager.tools: each already times 16 searches.
    for (let round = 0; round < Math.ceil(params.toolChanges / 2); round++) {
      for (const query of QUERIES) {
        const start = performance.now();
        const hits = search(query, 10);
        times.push(performance.now() - start);
        if (hits.length === 0) throw new Error(`no hit for "${query}"`);
      }
      const server = round % SERVERS;
      await namespace.changeTools(`server${server}`, toolList(server, round + 1));
      const start = performance.now();
      search(QUERIES[round % QUERIES.length] ?? 'file', 10);
      afterChange.push(performance.now() - start);
    }
  } finally {
    await namespace.close();
  }
  return { searchUs: percentile(times, 0.5) * 1000, afterChangeUs: percentile(afterChange, 0.5) * 1000 };
}

/**
 * @param {BenchParams} _p
 * @returns {Scenario}
 */
export function toolSearchScenario(_p) {
  return {
    id: 'manager.search',
    title: `manager: searchTools over ${SERVERS} servers × ${TOOLS_PER_SERVER} tools in process (BM25, top 10)`,
    transport: 'memory',
    contenders: ['ours'],
    metrics: [
      { key: 'searchUs', label: 'searchTools µs (median)', better: 'lower', kind: 'speed', goal: 2000 },
      { key: 'afterChangeUs', label: 'first search after a list_changed µs', better: 'lower', kind: 'speed' },
    ],
    run: toolSearchRun,
  };
}
