/**
 * Splits a utf8 text stream into lines without rescanning what it already scanned: a chunk
 * without a newline is only remembered, so a 16 MiB line costs one pass, not one per chunk.
 * @param {(line: string) => void} onLine
 * @returns {(chunk: string) => void}
 */
export function lineSplitter(onLine) {
  /** @type {string[]} */
  let parts = [];
  return (chunk) => {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      const piece = chunk.slice(start, newline);
      const line = parts.length === 0 ? piece : parts.join('') + piece;
      parts = [];
      if (line.length > 0) onLine(line);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) parts.push(start === 0 ? chunk : chunk.slice(start));
  };
}
