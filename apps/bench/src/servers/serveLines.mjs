// The stdio loop of the lean servers: newline-delimited JSON in, one write per input chunk out.
import { lineSplitter } from '../lineSplitter.mjs';

/**
 * Serves stdin/stdout with `answer`, which turns one parsed message into the text to write ('' for none).
 * @param {(message: any) => string} answer
 */
export function serveLines(answer) {
  let out = '';
  const split = lineSplitter((line) => {
    out += answer(JSON.parse(line));
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
}
