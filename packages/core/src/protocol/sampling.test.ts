import { describe, expect, it } from 'vitest';
import { MCPProtocolError } from '../errors/errors.js';
import type { CreateMessageResult } from '../types/samplingTypes.js';
import { samplingRequestHandler } from './sampling.js';

const context = { signal: new AbortController().signal, requestId: 1 };
const text = (value: string): CreateMessageResult => ({
  role: 'assistant',
  model: 'm',
  content: { type: 'text', text: value },
});
const ask = { messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 10 };
const tools = [{ name: 'get_weather', inputSchema: { type: 'object' } }];
const toolUse = { type: 'tool_use', id: 'c1', name: 'get_weather', input: {} };

async function failure(run: () => unknown): Promise<MCPProtocolError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(MCPProtocolError);
  return error as MCPProtocolError;
}

describe('samplingRequestHandler', () => {
  it('hands the typed request to the handler and its answer back', async () => {
    const handler = samplingRequestHandler((request) => text(`got ${request.messages.length}`), true);
    await expect(handler({ ...ask, tools }, context)).resolves.toMatchObject({ content: { text: 'got 1' } });
  });

  it('refuses requests that break the specification, naming what and where', async () => {
    const handler = samplingRequestHandler(() => text('x'), false);
    const shape = await failure(() => handler({ messages: 'no' }, context));
    expect(shape).toMatchObject({ code: 'INVALID_SERVER_REQUEST', rpcCode: -32602 });
    expect(shape.message).toContain('at messages');
    const undeclared = await failure(() => handler({ ...ask, tools }, context));
    expect(undeclared.message).toContain('did not declare (sampling.tools)');
    const mixed = {
      maxTokens: 10,
      messages: [
        { role: 'assistant', content: [toolUse] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'and' },
            { type: 'tool_result', toolUseId: 'c1', content: [] },
          ],
        },
      ],
    };
    expect(
      (await failure(() => samplingRequestHandler(() => text('x'), true)(mixed, context))).message,
    ).toContain('messages.1');
  });

  it('refuses answers that break it: a malformed one, tool_use without tools or under toolChoice none', async () => {
    const bad = samplingRequestHandler(() => ({ role: 'user' }) as unknown as CreateMessageResult, true);
    expect(await failure(() => bad(ask, context))).toMatchObject({
      code: 'INVALID_HANDLER_RESULT',
      rpcCode: -32603,
    });
    const uses = samplingRequestHandler(
      () =>
        ({ role: 'assistant', model: 'm', stopReason: 'toolUse', content: [toolUse] }) as CreateMessageResult,
      true,
    );
    expect((await failure(() => uses(ask, context))).message).toContain('offered no tools');
    const none = { ...ask, tools, toolChoice: { mode: 'none' } };
    expect((await failure(() => uses(none, context))).message).toContain('toolChoice "none"');
    await expect(uses({ ...ask, tools }, context)).resolves.toMatchObject({ stopReason: 'toolUse' });
  });
});
