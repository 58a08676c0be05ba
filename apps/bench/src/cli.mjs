#!/usr/bin/env node
// pnpm bench [--quick | --smoke] [--json] [--out file] [--only id,...] [--contenders bare,sdk,ours] [--reps n]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bare } from './contenders/bare.mjs';
import { ours } from './contenders/ours.mjs';
import { sdk } from './contenders/sdk.mjs';
import { MODES } from './modes.mjs';
import { runBench } from './runBench.mjs';
import { scenarios } from './scenarios.mjs';
import { renderTable } from './table.mjs';

const { values } = parseArgs({
  // pnpm may pass a literal `--` through; it means nothing here.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    contenders: { type: 'string' },
    reps: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: pnpm bench [--quick | --smoke] [--json] [--out <file>] [--only <id prefix,...>] [--contenders bare,sdk,ours] [--reps <n>]
  --quick        the same scenarios with fewer calls (under a minute)
  --smoke        a few calls per scenario: proves the bench runs, figures mean nothing
  --json         print the result as JSON on stdout instead of the table
  --out <file>   also write the result as JSON to this file
  --only         run only the scenarios whose id starts with one of these (stdio, http.conc, ...)
  --contenders   run only these contenders
  --reps         repetitions per scenario`);
  process.exit(0);
}

// Print each kind of warning once: the SDK's SSE transport alone would print thousands of MaxListenersExceededWarning.
const warned = new Set();
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warned.has(warning.name)) return;
  warned.add(warning.name);
  process.stderr.write(`${warning.name}: ${warning.message} (further ${warning.name}s not shown)\n`);
});

const params = { ...(values.smoke ? MODES.smoke : values.quick ? MODES.quick : MODES.full) };
if (values.reps) {
  params.reps = Number(values.reps);
  params.managerReps = Number(values.reps);
  params.poolReps = Number(values.reps);
}
const prefixes = values.only?.split(',').filter(Boolean);
const chosen = values.contenders?.split(',').filter(Boolean);
const all = [bare, sdk, ours];
const contenders = chosen ? all.filter((c) => chosen.includes(c.id)) : all;
const selected = scenarios(params).filter((s) => !prefixes || prefixes.some((p) => s.id.startsWith(p)));

const started = Date.now();
const result = await runBench({
  params,
  scenarios: selected,
  contenders,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stderr.write(`bench finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
const output = values.json ? JSON.stringify(result, null, 2) : renderTable(result);
// Exit explicitly once the output is flushed: a contender's leftover keep-alive socket must not keep the bench alive.
process.stdout.write(`${output}\n`, () => process.exit(0));
