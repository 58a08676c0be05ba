// Lean MCP server over stdio: newline-delimited JSON in, one write per input chunk out.
import { lineSplitter } from '../lineSplitter.mjs';
import { leanAnswer } from './leanAnswer.mjs';

let out = '';
const split = lineSplitter((line) => {
  const answer = leanAnswer(JSON.parse(line));
  if (answer) out += `${JSON.stringify(answer)}\n`;
});

process.stdin.setEncoding('utf8');
process.stdin.on('data', (/** @type {string} */ chunk) => {
  split(chunk);
  if (out.length > 0) {
    process.stdout.write(out);
    out = '';
  }
});
process.stdin.on('end', () => process.exit(0));
