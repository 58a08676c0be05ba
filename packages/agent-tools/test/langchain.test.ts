import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { AgentToolsErrorCode } from '@org/mcp-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { langchainTools } from '../src/langchain.js';
import { cancellationCounts, type Servers, startServers } from './servers.js';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.close());

/**
 * A scripted chat model: each call answers with the next message of its script and records what it was
 * sent. (@langchain/core's fake chat models answer the same message every time, so none can first ask for
 * a tool and then answer; this is their pattern, a BaseChatModel whose _generate is a script.)
 */
class ScriptedChatModel extends BaseChatModel {
  readonly received: BaseMessage[][] = [];
  constructor(private readonly script: AIMessage[]) {
    super({});
  }
  _llmType() {
    return 'scripted';
  }
  override bindTools(_tools: StructuredToolInterface[]) {
    return this;
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.received.push(messages);
    const message = this.script[this.received.length - 1] ?? new AIMessage('out of script');
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}

/** One agent turn: the model's tool calls run through LangChain's tool.invoke, their ToolMessages go back. */
async function agentTurn(model: ScriptedChatModel, tools: StructuredToolInterface[], prompt: string) {
  const bound = model.bindTools(tools);
  const messages: BaseMessage[] = [new HumanMessage(prompt)];
  const first = (await bound.invoke(messages)) as AIMessage;
  messages.push(first);
  for (const call of first.tool_calls ?? []) {
    const tool = tools.find((candidate) => candidate.name === call.name);
    messages.push((await tool?.invoke({ ...call, type: 'tool_call' })) as ToolMessage);
  }
  return { answer: await bound.invoke(messages), messages };
}

const askFor = (name: string, args: Record<string, unknown>) =>
  new AIMessage({ content: '', tool_calls: [{ id: 'call-1', name, args, type: 'tool_call' }] });

describe('LangChain runs our tools against real MCP servers', () => {
  it('model asks for echo → tool.invoke runs it → server-everything answers → the model gets the ToolMessage', async () => {
    const { tools } = await langchainTools(servers.manager);
    const echo = tools.find((tool) => tool.name === 'everything__echo');
    expect(echo?.schema).toMatchObject({ type: 'object', required: ['message'] });
    const model = new ScriptedChatModel([
      askFor('everything__echo', { message: 'hello' }),
      new AIMessage('done'),
    ]);
    const { answer } = await agentTurn(model, tools, 'Say hello');

    expect(answer.content).toBe('done');
    const seen = model.received[1]?.at(-1);
    expect(seen).toBeInstanceOf(ToolMessage);
    expect(seen).toMatchObject({
      tool_call_id: 'call-1',
      content: 'Echo: hello',
      artifact: { content: [{ type: 'text', text: 'Echo: hello' }] },
    });
  });

  it('an image in the result is an image_url block of the ToolMessage', async () => {
    const { tools } = await langchainTools(servers.manager);
    const model = new ScriptedChatModel([askFor('awkward__picture', {}), new AIMessage('done')]);
    await agentTurn(model, tools, 'Draw');
    expect(model.received[1]?.at(-1)?.content).toEqual([
      { type: 'text', text: 'a picture' },
      { type: 'image_url', image_url: { url: expect.stringMatching(/^data:image\/png;base64,/) } },
    ]);
  });

  it("the run's signal cancels the MCP call on the server", async () => {
    const { tools } = await langchainTools(servers.manager);
    const wait = tools.find((tool) => tool.name === 'official__wait_for_cancel');
    const controller = new AbortController();
    const running = wait?.invoke(
      { id: 'call-2', name: 'official__wait_for_cancel', args: {}, type: 'tool_call' },
      {
        signal: controller.signal,
      },
    );
    const counts = () => cancellationCounts(servers.manager);
    await expect.poll(async () => (await counts()).started).toBe(1);
    controller.abort();
    await expect(running).rejects.toThrow();
    await expect.poll(counts).toEqual({ started: 1, cancelled: 1 });
  });

  it('an error result throws TOOL_CALL_FAILED with the text the model should read', async () => {
    const { tools } = await langchainTools(servers.manager);
    const fails = tools.find((tool) => tool.name === 'awkward__fails');
    await expect(fails?.invoke({})).rejects.toMatchObject({
      code: AgentToolsErrorCode.TOOL_CALL_FAILED,
      message: 'the disk is full',
    });
  });
});
