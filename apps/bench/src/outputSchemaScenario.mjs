// Tool output checked against outputSchema: listing 1,000 tools with output schemas and calling one,
// ours with validation on and off (the off switch, ClientOptions.validateToolOutput) and the official SDK.
import { fileURLToPath } from 'node:url';
import { percentile } from './stats.mjs';

/** @typedef {import('./scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./contenders/contender.mjs').Connection} Connection */

/** Tools the server lists, each with its own outputSchema. */
const SCHEMA_TOOLS = 1000;

/** @type {import('./contenders/contender.mjs').Target} */
const schemaServer = {
  transport: 'stdio',
  command: process.execPath,
  args: [fileURLToPath(new URL('./servers/schemaToolsServer.mjs', import.meta.url)), String(SCHEMA_TOOLS)],
};

/** Rounds the SDK runs: it compiles every listed schema with Ajv on each listing, seconds per round. */
const SDK_ROUNDS = 3;

/**
 * One round: list every tool afresh (each listing brings new schemas), then call one of them. Wall
 * time, and this process's CPU (the server runs in its own): the steadier figure on a busy machine.
 * @param {Connection} connection
 * @param {number} round
 */
async function listAndCall(connection, round) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const tools = /** @type {unknown[]} */ (await connection.listTools?.());
  const result = /** @type {{ structuredContent?: { id?: number } }} */ (
    await connection.callTool(`tool_${round % SCHEMA_TOOLS}`, { text: 'x' })
  );
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - start;
  const cpuMs = (used.user + used.system) / 1000;
  if (tools.length !== SCHEMA_TOOLS) throw new Error(`listed ${tools.length} tools, not ${SCHEMA_TOOLS}`);
  if (result.structuredContent?.id !== round % SCHEMA_TOOLS)
    throw new Error('the call came back without its structuredContent');
  return { ms, cpuMs };
}

/** @param {{ ms: number, cpuMs: number }[]} rounds */
function medians(rounds) {
  return {
    ms: percentile(
      rounds.map((r) => r.ms),
      0.5,
    ),
    cpuMs: percentile(
      rounds.map((r) => r.cpuMs),
      0.5,
    ),
  };
}

/**
 * Ours runs validation on and off on two connections side by side, alternating which goes first
 * each round, so both see the same machine; the SDK has no off switch and reports validation on only.
 * @type {Scenario['run']}
 */
async function outputSchemaRun(contender, _target, params) {
  const on = await contender.connect(schemaServer);
  const off =
    contender.id === 'ours'
      ? await contender.connect(schemaServer, { validateToolOutput: false })
      : undefined;
  try {
    for (let i = 0; i < (off ? 3 : 1); i++) {
      await listAndCall(on, i);
      if (off) await listAndCall(off, i);
    }
    const onRounds = [];
    const offRounds = [];
    const rounds = off ? params.schemaRounds : Math.min(SDK_ROUNDS, params.schemaRounds);
    for (let round = 0; round < rounds; round++) {
      if (off && round % 2 === 1) offRounds.push(await listAndCall(off, round));
      onRounds.push(await listAndCall(on, round));
      if (off && round % 2 === 0) offRounds.push(await listAndCall(off, round));
    }
    const { ms, cpuMs } = medians(onRounds);
    if (!off) return { ms, cpuMs };
    const offFigures = medians(offRounds);
    return { ms, cpuMs, offMs: offFigures.ms, offCpuMs: offFigures.cpuMs, onVsOff: cpuMs / offFigures.cpuMs };
  } finally {
    await on.close();
    await off?.close();
  }
}

/**
 * @param {import('./modes.mjs').BenchParams} p
 * @returns {Scenario}
 */
export function outputSchemaScenario(p) {
  return {
    id: 'stdio.outputSchema',
    title: `stdio: list ${SCHEMA_TOOLS.toLocaleString('en-US')} tools with output schemas and call one (${p.schemaRounds} rounds)`,
    transport: 'stdio',
    contenders: ['sdk', 'ours'],
    metrics: [
      { key: 'ms', label: 'ms, validation on', better: 'lower', kind: 'speed' },
      { key: 'cpuMs', label: 'client CPU ms, validation on', better: 'lower', kind: 'speed' },
      {
        key: 'offMs',
        label: 'ms, validation off (ours)',
        better: 'lower',
        kind: 'speed',
        contenders: ['ours'],
      },
      {
        key: 'offCpuMs',
        label: 'client CPU ms, validation off (ours)',
        better: 'lower',
        kind: 'speed',
        contenders: ['ours'],
      },
      // A ratio, not a speed: no bare or SDK comparison; its own target (targets.mjs, MAX_VALIDATION_COST).
      { key: 'onVsOff', label: 'CPU on ÷ off (ours)', better: 'lower', kind: 'memory', contenders: ['ours'] },
    ],
    run: outputSchemaRun,
  };
}
