const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A line grew past the limit before its newline arrived. */
export class LineTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`line longer than ${limit} bytes`);
  }
}

/**
 * Splits a byte stream into lines in time linear in its size: pending chunks are kept in a list
 * and joined once, when their newline arrives; only each new chunk is scanned. `\r\n` is
 * tolerated, empty lines are skipped, and a line over `maxLineSize` bytes throws
 * {@link LineTooLongError} instead of growing without bound.
 */
export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingSize = 0;

  constructor(private readonly maxLineSize: number) {}

  /** Bytes held for a line whose newline has not arrived yet. */
  get bufferedSize(): number {
    return this.pendingSize;
  }

  /** The complete lines this chunk finishes, in order. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const size = this.pendingSize + end - start;
      if (size > this.maxLineSize) throw new LineTooLongError(this.maxLineSize);
      const piece = chunk.subarray(start, end);
      const line = this.pending.length ? Buffer.concat([...this.pending, piece], size) : piece;
      this.pending = [];
      this.pendingSize = 0;
      start = end + 1;
      const text = decodeLine(line);
      if (text.length > 0) lines.push(text);
    }
    if (start < chunk.length) {
      this.pendingSize += chunk.length - start;
      if (this.pendingSize > this.maxLineSize) throw new LineTooLongError(this.maxLineSize);
      // A copy, so a small tail does not pin the whole chunk it came in.
      this.pending.push(Buffer.from(chunk.subarray(start)));
    }
    return lines;
  }

  /** Whatever is left without a newline (a server that died mid-line); clears it. */
  flush(): string | undefined {
    if (this.pendingSize === 0) return undefined;
    const rest = decodeLine(Buffer.concat(this.pending, this.pendingSize));
    this.pending = [];
    this.pendingSize = 0;
    return rest.length > 0 ? rest : undefined;
  }
}

function decodeLine(line: Buffer): string {
  const end = line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.length - 1 : line.length;
  return line.toString('utf8', 0, end);
}
