import { generateText, isStepCount } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiSdkTools } from '../src/ai-sdk.js';
import { cancellationCounts, type Servers, startServers } from './servers.js';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.close());

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

/** The AI SDK's own mock model, scripted: first it asks for one tool call, then it answers in text. */
function scriptedModel(toolName: string, input: object) {
  let step = 0;
  return new MockLanguageModelV3({
    doGenerate: async () =>
      step++ === 0
        ? {
            content: [{ type: 'tool-call', toolCallId: 'call-1', toolName, input: JSON.stringify(input) }],
            finishReason: { unified: 'tool-calls', raw: undefined },
            usage,
            warnings: [],
          }
        : {
            content: [{ type: 'text', text: 'done' }],
            finishReason: { unified: 'stop', raw: undefined },
            usage,
            warnings: [],
          },
  });
}

/** What the model was given back for its tool call, in the prompt of its second step. */
function toolResultSeen(model: MockLanguageModelV3) {
  const prompt = model.doGenerateCalls[1]?.prompt ?? [];
  const message = prompt.find((m) => m.role === 'tool');
  return message?.role === 'tool' ? message.content[0] : undefined;
}

describe('the Vercel AI SDK runs our tools against real MCP servers', () => {
  it('model asks for echo → generateText runs it → server-everything answers → the model reads the answer', async () => {
    const { tools, warnings } = await aiSdkTools(servers.manager);
    expect(warnings.map((w) => w.tool)).toEqual(['awkward__root_union', 'awkward__remote_ref']);
    const model = scriptedModel('everything__echo', { message: 'hello' });
    const result = await generateText({ model, tools, prompt: 'Say hello', stopWhen: isStepCount(3) });

    expect(result.text).toBe('done');
    const sent = model.doGenerateCalls[0]?.tools?.find((tool) => tool.name === 'everything__echo');
    expect(sent).toMatchObject({ type: 'function', inputSchema: { type: 'object', required: ['message'] } });
    expect(result.steps[0]?.toolResults[0]).toMatchObject({
      toolName: 'everything__echo',
      output: { content: [{ type: 'text', text: 'Echo: hello' }] },
    });
    expect(toolResultSeen(model)).toMatchObject({
      type: 'tool-result',
      toolCallId: 'call-1',
      output: { type: 'content', value: [{ type: 'text', text: 'Echo: hello' }] },
    });
  });

  it('an image in the result reaches the model as image data', async () => {
    const { tools } = await aiSdkTools(servers.manager);
    const model = scriptedModel('awkward__picture', {});
    await generateText({ model, tools, prompt: 'Draw', stopWhen: isStepCount(3) });
    expect(toolResultSeen(model)).toMatchObject({
      output: {
        type: 'content',
        // The AI SDK hands the model (a v3 model here) the image as file data.
        value: [
          { type: 'text', text: 'a picture' },
          { type: 'file-data', mediaType: 'image/png' },
        ],
      },
    });
  });

  it('an error result reaches the model as the tool error', async () => {
    const { tools } = await aiSdkTools(servers.manager);
    const model = scriptedModel('awkward__fails', {});
    await generateText({ model, tools, prompt: 'Fail', stopWhen: isStepCount(3) });
    expect(toolResultSeen(model)).toMatchObject({
      output: { type: 'error-text', value: expect.stringContaining('the disk is full') },
    });
  });

  it("generateText's abortSignal cancels the MCP call on the server", async () => {
    const { tools } = await aiSdkTools(servers.manager);
    const controller = new AbortController();
    const running = generateText({
      model: scriptedModel('official__wait_for_cancel', {}),
      tools,
      prompt: 'Wait',
      abortSignal: controller.signal,
      stopWhen: isStepCount(3),
    });
    const counts = () => cancellationCounts(servers.manager);
    await expect.poll(async () => (await counts()).started).toBe(1);
    controller.abort();
    await expect(running).rejects.toThrow();
    await expect.poll(counts).toEqual({ started: 1, cancelled: 1 });
  });
});
