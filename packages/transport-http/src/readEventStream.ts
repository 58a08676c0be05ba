import { CoreErrorCode, MCPTransportError } from '@org/mcp-core';
import { createParser } from 'eventsource-parser';

/** What a reader of a `text/event-stream` body is told. */
export interface EventStreamHandlers {
  /** The parsed JSON of each `message` event with data (a batch arrives as an array). */
  onMessage(message: unknown): void;
  /** Each event id, the cursor for resuming with `Last-Event-ID`. */
  onId(id: string): void;
  /** The server's `retry:` delay in ms. */
  onRetry(delay: number): void;
  /** An event whose data is not JSON: reported, skipped. */
  onInvalid(error: Error): void;
}

/**
 * Reads an event stream to its end, calling the handlers as events arrive. Rejects when the
 * body fails or one event exceeds `maxMessageSize` (MESSAGE_TOO_LARGE).
 */
export async function readEventStream(
  body: AsyncIterable<Uint8Array>,
  handlers: EventStreamHandlers,
  options: { maxMessageSize: number; serverName: string },
): Promise<void> {
  let tooLarge: MCPTransportError | undefined;
  const parser = createParser({
    maxBufferSize: options.maxMessageSize,
    onEvent: (event) => {
      if (event.id) handlers.onId(event.id);
      if ((event.event && event.event !== 'message') || !event.data) return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch (cause) {
        handlers.onInvalid(
          new MCPTransportError(
            CoreErrorCode.INVALID_JSON,
            `Server "${options.serverName}" sent an event whose data is not JSON; it was skipped.`,
            { serverName: options.serverName, cause },
          ),
        );
        return;
      }
      handlers.onMessage(message);
    },
    onRetry: (delay) => handlers.onRetry(delay),
    onError: (error) => {
      if (error.type !== 'max-buffer-size-exceeded') return;
      tooLarge = new MCPTransportError(
        CoreErrorCode.MESSAGE_TOO_LARGE,
        `Server "${options.serverName}" sent an event larger than ${options.maxMessageSize} bytes; the stream was dropped. Raise maxMessageSize if such messages are expected.`,
        { serverName: options.serverName },
      );
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    // Throwing out of for-await destroys the body.
    if (tooLarge) throw tooLarge;
  }
  parser.feed(decoder.decode());
}
