import { describe, expectTypeOf, it } from 'vitest';
import type { ContentBlock, MCPClient, MCPError, MCPErrorCode } from '../src/index.js';

// `pnpm typecheck` compiles this file: each @ts-expect-error must stay an error, or the check fails.
describe('types users lean on', () => {
  it('client events are checked by name and payload', () => {
    const on = (client: MCPClient) => {
      client.on('stateChange', (state, previous) => {
        expectTypeOf(state).toEqualTypeOf<'idle' | 'connecting' | 'connected' | 'closing' | 'closed'>();
        expectTypeOf(previous).toEqualTypeOf(state);
      });
      client.on('notification', (notification) => expectTypeOf(notification.method).toBeString());
      client.on('close', (reason) => expectTypeOf(reason).toEqualTypeOf<Error | undefined>());
      // @ts-expect-error a misspelled event does not compile
      client.on('stateChang', () => {});
      // @ts-expect-error nor does a listener that expects a payload the event does not carry
      client.on('toolsChanged', (tools: string[]) => tools);
    };
    expectTypeOf(on).toBeFunction();
  });

  it('content blocks narrow on type', () => {
    const text = (block: ContentBlock) => (block.type === 'text' ? block.text : block.type);
    expectTypeOf(text).returns.toEqualTypeOf<string>();
    const image = (block: ContentBlock) => {
      if (block.type === 'image') expectTypeOf(block.mimeType).toBeString();
      // @ts-expect-error text exists only once narrowed
      return block.text.length;
    };
    expectTypeOf(image).toBeFunction();
  });

  it('error codes are a closed union', () => {
    expectTypeOf<MCPError['code']>().toEqualTypeOf<MCPErrorCode>();
    // @ts-expect-error a code outside the catalogue
    const code: MCPErrorCode = 'NO_SUCH_CODE';
    expectTypeOf(code).toBeString();
  });
});
