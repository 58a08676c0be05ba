import { MCPAbortError } from '@org/mcp-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicTools, geminiTools, openaiChatTools, openaiResponsesTools } from '../src/index.js';
import { cancellationCounts, type Servers, startServers } from './servers.js';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.close());

const PNG_PREFIX = 'iVBORw0KGgo';

describe('execute routes a model tool call through the manager and answers in the API shape', () => {
  it('OpenAI Chat Completions: a tool message with the text, errors said in words', async () => {
    const openai = await openaiChatTools(servers.manager);
    expect(await openai.execute('everything__echo', '{"message":"hi"}', { callId: 'call_1' })).toEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      content: 'Echo: hi',
    });
    expect((await openai.execute('awkward__picture', '{}', { callId: 'c' })).content).toBe(
      'a picture\n[image (image/png) not shown]',
    );
    expect((await openai.execute('awkward__fails', '{}', { callId: 'c' })).content).toBe(
      'Error: the disk is full',
    );
    expect((await openai.execute('awkward__structured', '', { callId: 'c' })).content).toBe('{"answer":42}');
    expect((await openai.execute('awkward__nope', '{}', { callId: 'c' })).content).toBe(
      'Error: There is no tool named "awkward__nope".',
    );
    expect((await openai.execute('everything__echo', '{"message":', { callId: 'c' })).content).toBe(
      'Error: The arguments are not valid JSON.',
    );
    expect((await openai.execute('everything__echo', '[1]', { callId: 'c' })).content).toBe(
      'Error: The arguments must be a JSON object.',
    );
  });

  it('OpenAI strict mode: the nulls it added for optional properties never reach the server', async () => {
    const openai = await openaiChatTools(servers.manager, { strict: true });
    const answer = await openai.execute(
      'awkward__nullable_types',
      { note: null, legacy: null, value: null },
      { callId: 'c' },
    );
    // `note` is nullable on the server, so its null stays; `legacy` was nullable too; `value` was optional only.
    expect(JSON.parse(answer.content)).toEqual({ note: null, legacy: null });
    const nested = await openai.execute(
      'awkward__validation_keywords',
      { tags: null, score: 1, meta: { k: null } },
      { callId: 'c' },
    );
    expect(JSON.parse(nested.content)).toEqual({ score: 1, meta: {} });
  });

  it('OpenAI Responses: a function_call_output, with images as input_image items', async () => {
    const openai = await openaiResponsesTools(servers.manager);
    expect(await openai.execute('everything__echo', '{"message":"hi"}', { callId: 'fc_1' })).toEqual({
      type: 'function_call_output',
      call_id: 'fc_1',
      output: 'Echo: hi',
    });
    const picture = await openai.execute('awkward__picture', '{}', { callId: 'fc_2' });
    expect(picture.output).toEqual([
      { type: 'input_text', text: 'a picture' },
      {
        type: 'input_image',
        image_url: expect.stringMatching(`^data:image/png;base64,${PNG_PREFIX}`),
        detail: 'auto',
      },
    ]);
  });

  it('Anthropic: a tool_result block with text and image blocks, is_error on errors', async () => {
    const anthropic = await anthropicTools(servers.manager);
    expect(await anthropic.execute('everything__echo', { message: 'hi' }, { callId: 'toolu_1' })).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: [{ type: 'text', text: 'Echo: hi' }],
    });
    const picture = await anthropic.execute('awkward__picture', {}, { callId: 'toolu_2' });
    expect(picture.content[1]).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: expect.stringMatching(`^${PNG_PREFIX}`) },
    });
    expect(await anthropic.execute('awkward__fails', {}, { callId: 'toolu_3' })).toMatchObject({
      is_error: true,
      content: [{ type: 'text', text: 'the disk is full' }],
    });
  });

  it('Gemini: a functionResponse with output (structured content as it is) or error, images as parts', async () => {
    const gemini = await geminiTools(servers.manager);
    expect(await gemini.execute('everything__echo', { message: 'hi' }, { callId: 'g1' })).toEqual({
      functionResponse: { id: 'g1', name: 'everything__echo', response: { output: 'Echo: hi' } },
    });
    expect((await gemini.execute('awkward__structured', {}, {})).functionResponse.response).toEqual({
      output: { answer: 42 },
    });
    expect((await gemini.execute('awkward__fails', {}, {})).functionResponse.response).toEqual({
      error: 'the disk is full',
    });
    expect((await gemini.execute('awkward__picture', {}, {})).functionResponse.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: expect.stringMatching(`^${PNG_PREFIX}`) } },
    ]);
  });

  it("passes the caller's abort signal to the MCP call: the server sees the cancellation", async () => {
    const openai = await openaiChatTools(servers.manager);
    const controller = new AbortController();
    const pending = openai.execute('official__wait_for_cancel', '{}', {
      callId: 'c',
      signal: controller.signal,
    });
    // The call is under way once the server counts it as started.
    const counts = () => cancellationCounts(servers.manager);
    await expect.poll(async () => (await counts()).started).toBe(1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(MCPAbortError);
    await expect.poll(counts).toEqual({ started: 1, cancelled: 1 });
  });

  it('passes a timeout to the MCP call, and the model reads that it timed out', async () => {
    const anthropic = await anthropicTools(servers.manager);
    const answer = await anthropic.execute('official__wait_for_cancel', {}, { callId: 't', timeout: 200 });
    expect(answer.is_error).toBe(true);
    expect(answer.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/timed out|timeout/i),
    });
  });
});
