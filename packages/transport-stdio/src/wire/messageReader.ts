import type { MCPTransportError } from '@org/mcp-core';
import { invalidJsonLine, messageTooLarge } from '../stdioErrors.js';
import { LineDecoder, LineTooLongError } from './lineDecoder.js';

/** Where a {@link MessageReader} delivers what it reads. */
export interface MessageSink {
  message(message: unknown): void;
  /** A line that is not JSON: skipped, the connection goes on. */
  invalidLine(error: MCPTransportError): void;
  /** A line over the size limit: nothing of its chunk is delivered, the connection must close. */
  tooLarge(error: MCPTransportError): void;
}

/** The server's stdout as messages: newline-delimited lines, each one JSON value. */
export class MessageReader {
  private readonly decoder: LineDecoder;

  constructor(
    maxMessageSize: number,
    private readonly serverName: string,
    private readonly sink: MessageSink,
  ) {
    this.decoder = new LineDecoder(maxMessageSize);
  }

  /** Delivers every message this chunk completes, in order. */
  push(chunk: Buffer): void {
    let lines: string[];
    try {
      lines = this.decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      this.sink.tooLarge(messageTooLarge(this.serverName, error.limit));
      return;
    }
    for (const line of lines) this.receiveLine(line);
  }

  /** Whatever is left without a newline (a server that died mid-line); clears it. */
  flush(): string | undefined {
    return this.decoder.flush();
  }

  private receiveLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.sink.invalidLine(invalidJsonLine(this.serverName, line));
      return;
    }
    this.sink.message(message);
  }
}
