import { StringDecoder } from 'node:string_decoder';

/** Longest stderr line logged in one piece, in characters; longer ones are logged in parts. */
const MAX_LOGGED_LINE = 8 * 1024;

/**
 * What the server wrote to stderr: the last `size` bytes kept in a ring of chunks for error
 * messages, and the stream split into lines for the log. Memory stays bounded whatever the rate.
 */
export class StderrTail {
  private chunks: Buffer[] = [];
  private total = 0;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly size: number) {}

  /** Keeps the chunk and returns the lines it completes (a runaway line is cut into bounded parts). */
  push(chunk: Buffer): string[] {
    this.chunks.push(chunk);
    this.total += chunk.length;
    while (this.chunks.length > 1 && this.total - (this.chunks[0] as Buffer).length >= this.size) {
      this.total -= (this.chunks.shift() as Buffer).length;
    }
    const parts = (this.partial + this.decoder.write(chunk)).split('\n');
    this.partial = parts.pop() as string;
    const lines: string[] = [];
    for (const part of parts) {
      const line = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (line.length > 0) lines.push(line);
    }
    while (this.partial.length > MAX_LOGGED_LINE) {
      lines.push(this.partial.slice(0, MAX_LOGGED_LINE));
      this.partial = this.partial.slice(MAX_LOGGED_LINE);
    }
    return lines;
  }

  /** The last `size` bytes, trimmed; '' when the server wrote nothing. */
  text(): string {
    const joined = Buffer.concat(this.chunks, this.total);
    let start = Math.max(0, joined.length - this.size);
    // Do not start inside a UTF-8 sequence.
    while (start < joined.length && ((joined[start] as number) & 0xc0) === 0x80) start++;
    return joined.toString('utf8', start).trim();
  }
}
