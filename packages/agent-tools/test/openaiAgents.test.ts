import {
  Agent,
  type AgentInputItem,
  type Model,
  type ModelRequest,
  type ModelResponse,
  run,
  setTracingDisabled,
  Usage,
} from '@openai/agents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiAgentsTools } from '../src/openai-agents.js';
import { cancellationCounts, type Servers, startServers } from './servers.js';

let servers: Servers;
beforeAll(async () => {
  setTracingDisabled(true); // no exporter: nothing leaves the machine
  servers = await startServers();
});
afterAll(() => servers?.close());

/** A scripted Agents SDK model: first one function call, then a text answer; it keeps every request. */
class ScriptedModel implements Model {
  readonly requests: ModelRequest[] = [];
  constructor(
    private readonly name: string,
    private readonly args: object,
  ) {}
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const output =
      this.requests.length === 1
        ? [
            {
              type: 'function_call' as const,
              callId: 'call-1',
              name: this.name,
              arguments: JSON.stringify(this.args),
              status: 'completed' as const,
            },
          ]
        : [
            {
              type: 'message' as const,
              role: 'assistant' as const,
              status: 'completed' as const,
              content: [{ type: 'output_text' as const, text: 'done' }],
            },
          ];
    return { usage: new Usage(), output };
  }
  // biome-ignore lint/correctness/useYield: the scripted model never streams
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error('not streamed');
  }
}

/** The function_call_result the model was sent back, in its second request. */
function resultSeen(model: ScriptedModel) {
  const input = model.requests[1]?.input as AgentInputItem[];
  return input.find((item) => item.type === 'function_call_result');
}

describe('the OpenAI Agents SDK runs our tools against real MCP servers', () => {
  it('model asks for echo → the runner runs it → server-everything answers → the model gets the result', async () => {
    const { tools, warnings } = await openaiAgentsTools(servers.manager);
    expect(warnings.map((w) => w.tool)).toContain('awkward__root_union');
    const model = new ScriptedModel('everything__echo', { message: 'hello' });
    const result = await run(new Agent({ name: 'echoer', model, tools }), 'Say hello');

    expect(result.finalOutput).toBe('done');
    const sent = model.requests[0]?.tools.find((t) => t.type === 'function' && t.name === 'everything__echo');
    expect(sent).toMatchObject({
      strict: true,
      parameters: { additionalProperties: false, required: ['message'] },
    });
    expect(resultSeen(model)).toMatchObject({
      callId: 'call-1',
      output: { type: 'text', text: 'Echo: hello' },
    });
  });

  it('an error result is the output the model reads', async () => {
    const { tools } = await openaiAgentsTools(servers.manager);
    const model = new ScriptedModel('awkward__fails', {});
    await run(new Agent({ name: 'failer', model, tools }), 'Fail');
    expect(resultSeen(model)).toMatchObject({ output: { type: 'text', text: 'Error: the disk is full' } });
  });

  it("the run's signal cancels the MCP call on the server", async () => {
    const { tools } = await openaiAgentsTools(servers.manager);
    const controller = new AbortController();
    const model = new ScriptedModel('official__wait_for_cancel', {});
    const running = run(new Agent({ name: 'waiter', model, tools }), 'Wait', { signal: controller.signal });
    const counts = () => cancellationCounts(servers.manager);
    await expect.poll(async () => (await counts()).started).toBe(1);
    controller.abort();
    await expect(running).rejects.toThrow();
    await expect.poll(counts).toEqual({ started: 1, cancelled: 1 });
  });
});
