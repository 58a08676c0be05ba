#!/usr/bin/env node
// node src/profileSummary.mjs <file.cpuprofile> [top]: self time per function and per package, from `node --cpu-prof`.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node src/profileSummary.mjs <file.cpuprofile> [top]');
  process.exit(1);
}
const top = Number(topArg ?? 25);
/** @type {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number } }>, samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(readFileSync(file, 'utf8'));
/** @type {Map<number, { functionName: string, url: string, lineNumber: number }>} */
const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
/** @type {Map<string, number>} */
const byFunction = new Map();
/** @type {Map<string, number>} */
const byPackage = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  const frame = frames.get(id);
  if (!frame) return;
  total += delta;
  const where = frame.url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
  const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
  const pkg =
    where === ''
      ? `(${frame.functionName})`
      : where.startsWith('node:')
        ? 'node internals'
        : (/^(@[^/]+\/[^/]+|[^/]+)\//.exec(where)?.[1] ?? where);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
});
/** @param {Map<string, number>} map */
const print = (map) => {
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
};
console.log(`total ${(total / 1000).toFixed(0)} ms\n\nby package:`);
print(byPackage);
console.log('\nby function (self time):');
print(byFunction);
