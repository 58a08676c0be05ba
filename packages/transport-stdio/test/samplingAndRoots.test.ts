import type { CreateMessageRequest, CreateMessageResult, Root } from '@org/mcp-core';
import { isGroupAlive, samplingToolsServerScript, waitUntil } from '@org/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCPStdioClient, type MCPStdioClientOptions } from '../src/index.js';
import { textOf } from './support/clients.js';
import { packageBin } from './support/fixture.js';

/**
 * The typed sampling handler and the roots option against real servers: server-everything (its sampling
 * tool, and its roots tool, which asks `roots/list` at start and after each list_changed), and the official
 * SDK fixture whose tool runs a sampling loop with tools. The model is scripted. Each server starts once.
 */
const clients: MCPStdioClient[] = [];
async function start(args: string[], options: MCPStdioClientOptions): Promise<MCPStdioClient> {
  const client = new MCPStdioClient({ command: process.execPath, args }, options);
  clients.push(client);
  await client.connect();
  return client;
}

let roots: Root[] = [{ uri: 'file:///work/first', name: 'first' }];
let rootsAsked = 0;
let rootsWaiter: (() => void) | undefined;
/** Counts every call of the roots function: the server's roots/list and rootsChanged's own look. */
const requests: CreateMessageRequest[] = [];
let everything: MCPStdioClient;

/** The scripted model of the tools loop: a tool_use first, then a text made of the tool's result. */
function weatherModel(request: CreateMessageRequest): CreateMessageResult {
  requests.push(request);
  const last = request.messages.at(-1);
  const results = (Array.isArray(last?.content) ? last.content : [last?.content]).filter(
    (block) => block?.type === 'tool_result',
  );
  if (results.length === 0)
    return {
      role: 'assistant',
      model: 'scripted',
      stopReason: 'toolUse',
      content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }],
    };
  const told = results.map((r) => (r?.type === 'tool_result' ? JSON.stringify(r.content) : '')).join();
  return {
    role: 'assistant',
    model: 'scripted',
    stopReason: 'endTurn',
    content: { type: 'text', text: `Paris: ${told.includes('18°C') ? '18°C' : '?'}` },
  };
}

beforeAll(async () => {
  everything = await start([packageBin('@modelcontextprotocol/server-everything'), 'stdio'], {
    name: 'everything',
    roots: () => {
      rootsAsked++;
      rootsWaiter?.();
      return roots;
    },
    sampling: async (request) => {
      requests.push(request);
      return { role: 'assistant', model: 'scripted', content: { type: 'text', text: 'a scripted answer' } };
    },
  });
});

afterAll(async () => {
  const pids = clients.map((c) => c.pid as number);
  await Promise.all(clients.map((c) => c.disconnect()));
  for (const pid of pids) await waitUntil(() => !isGroupAlive(pid), 'the servers to be gone');
});

describe('sampling through the typed handler', () => {
  it("answers server-everything's sampling request", async () => {
    requests.length = 0;
    const result = await everything.callTool('trigger-sampling-request', { prompt: 'say hi', maxTokens: 50 });
    expect(textOf(result)).toContain('a scripted answer');
    expect(requests[0]).toMatchObject({
      maxTokens: 50,
      messages: [{ role: 'user', content: { type: 'text' } }],
    });
    expect(JSON.stringify(requests[0]?.messages)).toContain('say hi');
  });

  it('runs a tool loop: the model asks for a tool, the server runs it and asks again with its result', async () => {
    requests.length = 0;
    const client = await start([samplingToolsServerScript], { name: 'weather', sampling: weatherModel });
    const result = await client.callTool('weather_report', { question: 'Weather in Paris?' });
    expect(textOf(result)).toBe('Paris: 18°C (rounds: 2, model: scripted)');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ tools: [{ name: 'get_weather' }], toolChoice: { mode: 'auto' } });
    expect(requests[1]?.messages.at(-1)).toMatchObject({
      role: 'user',
      content: [{ type: 'tool_result', toolUseId: 'call_1' }],
    });
  });

  it('refuses what breaks the rules: tools to a handler that takes none, tool_use where tools are forbidden', async () => {
    const noTools = await start([samplingToolsServerScript], {
      name: 'no-tools',
      sampling: weatherModel,
      samplingTools: false,
    });
    const refused = await noTools.callTool('weather_report', { question: 'Weather?' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('sampling tools capability');
    const stubborn = await start([samplingToolsServerScript], {
      name: 'stubborn',
      // Always asks for the tool, even in the last round, where the server forbids tools.
      sampling: (request) => weatherModel({ ...request, messages: request.messages.slice(0, 1) }),
    });
    const broken = await stubborn.callTool('weather_report', { question: 'Weather?' });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toContain(
      'The sampling handler answered a tool_use block, but the request said toolChoice "none"',
    );
  });
});

describe('roots from a function', () => {
  it('answers roots/list, and tells the server when the function answers differently', async () => {
    const first = await everything.callTool('get-roots-list');
    expect(textOf(first)).toContain('file:///work/first');
    expect(await everything.rootsChanged()).toBe(false);
    roots = [{ uri: 'file:///work/second', name: 'second' }];
    expect(await everything.rootsChanged()).toBe(true);
    // The server asks again after the notification (rootsChanged itself asked the function once before).
    const before = rootsAsked;
    await new Promise<void>((resolve) => {
      rootsWaiter = resolve;
      if (rootsAsked > before) resolve();
    });
    rootsWaiter = undefined;
    let listed = '';
    for (let i = 0; i < 50 && !listed.includes('second'); i++)
      listed = textOf(await everything.callTool('get-roots-list'));
    expect(listed).toContain('file:///work/second');
    expect(await everything.rootsChanged()).toBe(false);
  });
});
